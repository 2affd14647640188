namespace RMBench.Core.Data;

/// <summary>
/// Reads a canonical dataset file and validates it against a kind's schema before any row is used:
/// missing or mistyped columns, nulls in required columns, duplicate ids, empty or wrong-length lists,
/// zero rows, non-Parquet and truncated files. Reports every problem found as one InputException.
/// </summary>
public static class ParquetDatasetReader
{
    public static Task<Dataset> ReadAsync(string path, DatasetSchema schema, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
