namespace RMBench.Core.Running;

/// <summary>
/// Groups requests into batches of similar length so that padding (for tokenizing backends) is small:
/// sort by length, ties broken by hash for a stable order, then cut into batches of at most
/// <paramref name="batchSize"/> rows.
/// </summary>
public static class Batcher
{
    public static IEnumerable<IReadOnlyList<PlannedRequest>> ByLength(IEnumerable<PlannedRequest> requests, Func<PlannedRequest, int> length, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var sorted = requests
            .Select(r => (Request: r, Length: length(r)))
            .OrderBy(x => x.Length)
            .ThenBy(x => x.Request.Request.Hash, StringComparer.Ordinal)
            .Select(x => x.Request)
            .ToList();
        for (var start = 0; start < sorted.Count; start += batchSize)
            yield return sorted.GetRange(start, Math.Min(batchSize, sorted.Count - start));
    }
}
