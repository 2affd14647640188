using RMBench.Core.Models;

namespace RMBench.Core.Running;

/// <summary>
/// Groups requests into batches of similar length so that padding (for tokenizing backends) is small:
/// sort by length, ties broken by hash for a stable order, then cut into batches of at most
/// <c>batchSize</c> rows and, with a token budget, at most <c>batchTokens</c> padded tokens
/// (rows x longest row). A single row over the budget forms its own batch. With <c>maxPadding</c>, a batch
/// also ends before a row whose length would make more than that fraction of its padded tokens padding, so
/// every batch (and hence the whole run) keeps padding efficiency >= 1 - maxPadding: on CPU the wasted
/// tokens cost as much as real ones, and a fixed row cap pads the long tail of a length distribution.
/// </summary>
public static class Batcher
{
    public static IEnumerable<IReadOnlyList<PlannedRequest>> ByLength(IEnumerable<PlannedRequest> requests, Func<PlannedRequest, int> length,
        int batchSize, int? batchTokens = null, double? maxPadding = null)
    {
        Validate(batchSize, batchTokens, maxPadding);
        var sorted = requests
            .Select(r => (Request: r, Length: length(r)))
            .OrderBy(x => x.Length)
            .ThenBy(x => x.Request.Request.Hash, StringComparer.Ordinal);
        foreach (var batch in Cut(sorted, batchSize, batchTokens, maxPadding)) yield return batch;
    }

    /// <summary>
    /// Cuts items already sorted by ascending length into batches under the same limits as <see cref="ByLength"/>;
    /// with <paramref name="minRows"/>, the token budget ends a batch only once it has that many rows (a budget that
    /// widens batches of short rows without narrowing long ones).
    /// </summary>
    public static IEnumerable<IReadOnlyList<T>> Cut<T>(IEnumerable<(T Item, int Length)> sortedByLength, int batchSize, int? batchTokens = null,
        double? maxPadding = null, int minRows = 1)
    {
        Validate(batchSize, batchTokens, maxPadding);
        var batch = new List<T>();
        long real = 0; // the batch's real tokens
        foreach (var (item, rowLength) in sortedByLength)
        {
            // Sorted ascending, so the row being added is the batch's longest.
            var padded = (long)(batch.Count + 1) * rowLength;
            var waste = padded - (real + rowLength);
            if (batch.Count > 0 && (batch.Count == batchSize || (padded > batchTokens && batch.Count >= minRows) || waste > maxPadding * padded))
            {
                yield return batch;
                (batch, real) = ([], 0);
            }
            batch.Add(item);
            real += rowLength;
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// The padded-token budget of a batch: the user's --batch-tokens (null for models that do not tokenize) and the
    /// device's preference, the smaller when both are set.
    /// </summary>
    public static int? TokenBudget(int? batchTokens, BatchShape? device) => (batchTokens, device?.Tokens) switch
    {
        (int user, int preferred) => Math.Min(user, preferred),
        var (user, preferred) => user ?? preferred,
    };

    private static void Validate(int batchSize, int? batchTokens, double? maxPadding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (batchTokens is not null) ArgumentOutOfRangeException.ThrowIfLessThan(batchTokens.Value, 1);
        if (maxPadding is not null && !(maxPadding >= 0 && maxPadding < 1)) throw new ArgumentOutOfRangeException(nameof(maxPadding), maxPadding, "must be in [0, 1)");
    }
}
