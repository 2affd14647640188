namespace RMBench.Core.Data;

/// <summary>
/// Reads a canonical dataset file and validates it against a kind's schema before any row is used:
/// missing or mistyped columns, nulls in required columns, duplicate ids, empty or wrong-length lists,
/// zero rows, non-Parquet and truncated files. Reports every problem found as one InputException.
/// </summary>
public static class ParquetDatasetReader
{
    /// <summary>
    /// Reads and validates <paramref name="path"/>. Values in <see cref="DatasetRow.Values"/> have the
    /// schema's logical types; optional columns absent from the file read as null; columns the schema
    /// does not name are ignored but listed in <see cref="Dataset.Columns"/>.
    /// </summary>
    /// <exception cref="Errors.InputException">The file is missing, not Parquet, damaged or invalid for the schema; it lists every problem found.</exception>
    public static async Task<Dataset> ReadAsync(string path, DatasetSchema schema, CancellationToken cancellationToken = default)
    {
        await using var source = await ParquetSource.OpenAsync(path, cancellationToken);
        var problems = new ProblemList(path);
        var rows = await DatasetValidator.ValidateAsync(source, schema, problems, cancellationToken);
        problems.ThrowIfAny();
        return new Dataset(path, source.Sha256, [.. source.Schema.Fields.Select(f => f.Name)], rows);
    }
}
