using Parquet;
using RMBench.Core.IO;
using RMBench.Core.Results;

namespace RMBench.Reports;

/// <summary>
/// Writes scores.parquet: one row per scored request of one item, columns and order as in
/// <see cref="ScoreColumns"/> (suite, id, subset, role, score, token_count, request_hash), rows ordered by
/// suite, id, role (ordinal). Read back with <see cref="ScoresTable"/>.
/// </summary>
public static class ScoresParquet
{
    /// <summary>Writes the rows atomically (temporary file in the same folder, then rename).</summary>
    public static Task WriteAsync(string path, IEnumerable<ScoreRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = ScoreColumns.InFileOrder(rows).ToList();
        return AtomicFile.WriteAsync(path, stream => WriteAsync(stream, ordered, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the rows, in the given order, to a writable and seekable stream.</summary>
    public static async Task WriteAsync(Stream stream, IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = await ParquetWriter.CreateAsync(ScoreColumns.Schema, stream, null, false, cancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(ScoreColumns.SuiteField, rows.Select(r => r.Suite).ToArray());
        await group.WriteAsync(ScoreColumns.IdField, rows.Select(r => r.Id).ToArray());
        await group.WriteAsync(ScoreColumns.SubsetField, rows.Select(r => r.Subset).ToArray());
        await group.WriteAsync(ScoreColumns.RoleField, rows.Select(r => r.Role).ToArray());
        await group.WriteAsync<float>(ScoreColumns.ScoreField, rows.Select(r => r.Score).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(ScoreColumns.TokenCountField, rows.Select(r => r.TokenCount).ToArray(), null, null, cancellationToken);
        await group.WriteAsync(ScoreColumns.RequestHashField, rows.Select(r => r.RequestHash).ToArray());
        await group.WriteAsync<int>(ScoreColumns.ResponseCharsField, rows.Select(r => r.ResponseChars).ToArray(), null, null, cancellationToken);
        group.CompleteValidate();
    }
}
