using Parquet;
using RMBench.Core.IO;

namespace RMBench.Core.Data;

/// <summary>
/// Writes canonical rows as Parquet for a kind ("pairwise": single chosen/rejected strings; "best-of-n"/"style-matrix":
/// lists; "image-pair": binary chosen_image/rejected_image; "image-response": binary image plus single chosen/rejected
/// strings; "verify": question, reference, completion, label, answer_type). Pairwise rows may carry a persona and
/// documents; those columns are written only when some row has them. The kind is recorded in the file's key-value
/// metadata (<see cref="DatasetMetadata"/>), so an ad-hoc suite over it is scored as that kind.
/// </summary>
public static class ParquetDatasetWriter
{
    /// <summary>Rows per row group; bigger files are written in several row groups.</summary>
    public const int RowGroupSize = 10_000;

    /// <summary>The kinds this writer knows.</summary>
    public static IReadOnlyList<string> Kinds => CanonicalRowChecks.Kinds;

    /// <summary>
    /// Writes <paramref name="rows"/> atomically to <paramref name="path"/>. The output is byte-for-byte
    /// the same for the same rows (no timestamps; Snappy compression; fixed row-group size, 10,000 rows unless given).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown kind, no rows, duplicate ids, null texts, a role other than
    /// user/assistant, or answer counts the kind does not allow (pairwise: exactly one chosen and one rejected;
    /// best-of-n: at least one each; style-matrix: exactly three each; image-pair: none, but both images; image-response:
    /// one each and the image), or an image that is missing or not a complete PNG/JPEG.</exception>
    /// <param name="rowGroupSize">Rows per row group (streaming readers hold one group at a time).</param>
    public static Task WriteAsync(string path, string kind, IReadOnlyList<CanonicalRow> rows, CancellationToken cancellationToken = default,
        int rowGroupSize = RowGroupSize) => WriteAsync(path, kind, rows, recordKind: true, cancellationToken, rowGroupSize);

    /// <summary>Writes a file without the recorded kind, as files from before kinds were recorded or from other tools (for tests).</summary>
    internal static Task WriteUnrecordedAsync(string path, string kind, IReadOnlyList<CanonicalRow> rows) =>
        WriteAsync(path, kind, rows, recordKind: false, CancellationToken.None, RowGroupSize);

    private static Task WriteAsync(string path, string kind, IReadOnlyList<CanonicalRow> rows, bool recordKind, CancellationToken cancellationToken,
        int rowGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        CanonicalRowChecks.Check(kind, rows);
        if (kind == "verify")
        {
            var verify = new VerifyColumns();
            return AtomicFile.WriteAsync(path, stream => WriteParquetAsync(stream, recordKind ? kind : null, verify.Schema, verify.WriteAsync, rows, rowGroupSize, cancellationToken), cancellationToken);
        }
        var columns = new CanonicalColumns(kind,
            persona: rows.Any(r => r.Persona is not null), documents: rows.Any(r => r.Documents is not null));
        return AtomicFile.WriteAsync(path, stream => WriteParquetAsync(stream, recordKind ? kind : null, columns.Schema, columns.WriteAsync, rows, rowGroupSize, cancellationToken), cancellationToken);
    }

    private static async Task WriteParquetAsync(Stream stream, string? kind, Parquet.Schema.ParquetSchema schema,
        Func<ParquetRowGroupWriter, IReadOnlyList<CanonicalRow>, CancellationToken, Task> writeGroup,
        IReadOnlyList<CanonicalRow> rows, int rowGroupSize, CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false, cancellationToken);
        if (kind is not null) writer.CustomMetadata = DatasetMetadata.For(kind);
        for (var start = 0; start < rows.Count; start += rowGroupSize)
        {
            var chunk = rows.Skip(start).Take(rowGroupSize).ToList();
            using var group = writer.CreateRowGroup();
            await writeGroup(group, chunk, cancellationToken);
            group.CompleteValidate();
        }
    }
}
