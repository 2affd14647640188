namespace RMBench.Core.Data;

/// <summary>Writes canonical rows as Parquet for a kind ("pairwise": single chosen/rejected strings; "best-of-n"/"style-matrix": lists).</summary>
public static class ParquetDatasetWriter
{
    public static Task WriteAsync(string path, string kind, IReadOnlyList<CanonicalRow> rows, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
