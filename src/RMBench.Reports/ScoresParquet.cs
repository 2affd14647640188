using RMBench.Core.Results;

namespace RMBench.Reports;

/// <summary>
/// Writes a whole scores.parquet at once (a run writes its own chunk by chunk with <see cref="ScoresFileWriter"/>):
/// columns as in <see cref="ScoreColumns"/>, rows ordered by suite, id, role (ordinal). Read back with
/// <see cref="ScoresTable"/>.
/// </summary>
public static class ScoresParquet
{
    /// <summary>Writes the rows atomically (temporary file in the same folder, then rename).</summary>
    public static async Task WriteAsync(string path, IEnumerable<ScoreRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = ScoreColumns.InFileOrder(rows).ToList();
        await using var writer = await ScoresFileWriter.CreateAsync(path, cancellationToken);
        await writer.AppendAsync(ordered, cancellationToken);
        await writer.CommitAsync(cancellationToken);
    }
}
