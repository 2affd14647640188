namespace RMBench.Core.Running;

/// <summary>
/// Groups requests into batches of similar length so that padding (for tokenizing backends) is small:
/// sort by length, ties broken by hash for a stable order, then cut into batches of at most
/// <c>batchSize</c> rows and, with a token budget, at most <c>batchTokens</c> padded tokens
/// (rows x longest row). A single row over the budget forms its own batch.
/// </summary>
public static class Batcher
{
    public static IEnumerable<IReadOnlyList<PlannedRequest>> ByLength(IEnumerable<PlannedRequest> requests, Func<PlannedRequest, int> length,
        int batchSize, int? batchTokens = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (batchTokens is not null) ArgumentOutOfRangeException.ThrowIfLessThan(batchTokens.Value, 1);
        var sorted = requests
            .Select(r => (Request: r, Length: length(r)))
            .OrderBy(x => x.Length)
            .ThenBy(x => x.Request.Request.Hash, StringComparer.Ordinal)
            .ToList();
        var batch = new List<PlannedRequest>();
        foreach (var (request, rowLength) in sorted)
        {
            // Sorted ascending, so the row being added is the batch's longest.
            var padded = (long)(batch.Count + 1) * rowLength;
            if (batch.Count > 0 && (batch.Count == batchSize || padded > batchTokens))
            {
                yield return batch;
                batch = [];
            }
            batch.Add(request);
        }
        if (batch.Count > 0) yield return batch;
    }
}
