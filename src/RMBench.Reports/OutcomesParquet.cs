using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Reports;

/// <summary>
/// Writes a whole outcomes.parquet at once (a run writes its own chunk by chunk with <see cref="OutcomesFileWriter"/>):
/// one row per judged item, columns as in <see cref="OutcomeColumns"/>, rows ordered by suite then id
/// (ordinal). Read back with <see cref="OutcomesTable"/>; `rmbench gate` pairs these rows between runs.
/// </summary>
public static class OutcomesParquet
{
    /// <summary>Writes the outcomes of every suite atomically (temporary file in the same folder, then rename).</summary>
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>> outcomes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        await using var writer = await OutcomesFileWriter.CreateAsync(path, cancellationToken);
        foreach (var (suite, items) in outcomes.OrderBy(s => s.Key, StringComparer.Ordinal))
            await writer.AppendAsync(suite, [.. items.OrderBy(o => o.Id, StringComparer.Ordinal)], cancellationToken);
        await writer.CommitAsync(cancellationToken);
    }
}
