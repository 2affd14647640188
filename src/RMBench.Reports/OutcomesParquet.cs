using System.Text.Json;
using Parquet;
using RMBench.Core.IO;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Reports;

/// <summary>
/// Writes outcomes.parquet: one row per judged item (suite, id, subset, cluster, value, ties, invalid, extras),
/// columns as in <see cref="OutcomeColumns"/>, rows ordered by suite then id (ordinal). Read back with
/// <see cref="OutcomesTable"/>; `rmbench gate` pairs these rows between a baseline and a candidate run.
/// </summary>
public static class OutcomesParquet
{
    /// <summary>Writes the outcomes of every suite atomically (temporary file in the same folder, then rename).</summary>
    public static Task WriteAsync(string path, IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>> outcomes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = outcomes
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .SelectMany(s => s.Value.OrderBy(o => o.Id, StringComparer.Ordinal).Select(o => (Suite: s.Key, Outcome: o)))
            .ToList();
        return AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = await ParquetWriter.CreateAsync(OutcomeColumns.Schema, stream, null, false, cancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(OutcomeColumns.SuiteField, rows.Select(r => r.Suite).ToArray());
            await group.WriteAsync(OutcomeColumns.IdField, rows.Select(r => r.Outcome.Id).ToArray());
            await group.WriteAsync(OutcomeColumns.SubsetField, rows.Select(r => r.Outcome.Subset).ToArray());
            await group.WriteAsync(OutcomeColumns.ClusterField, rows.Select(r => r.Outcome.Cluster).ToArray());
            await group.WriteAsync<double>(OutcomeColumns.ValueField, rows.Select(r => r.Outcome.Value).ToArray(), null, null, cancellationToken);
            await group.WriteAsync<int>(OutcomeColumns.TiesField, rows.Select(r => r.Outcome.Ties).ToArray(), null, null, cancellationToken);
            await group.WriteAsync<bool>(OutcomeColumns.InvalidField, rows.Select(r => r.Outcome.Invalid).ToArray(), null, null, cancellationToken);
            await group.WriteAsync(OutcomeColumns.ExtrasField, rows.Select(r => ExtrasJson(r.Outcome.Extras)).ToArray());
            group.CompleteValidate();
        }, cancellationToken);
    }

    /// <summary>Extras as a JSON object in key order; NaN and infinities as the named literals.</summary>
    private static string ExtrasJson(IReadOnlyDictionary<string, double> extras) =>
        extras.Count == 0 ? "{}" : JsonSerializer.Serialize(new SortedDictionary<string, double>(extras.ToDictionary(), StringComparer.Ordinal),
            OutcomesTable.ExtrasJsonOptions);
}
