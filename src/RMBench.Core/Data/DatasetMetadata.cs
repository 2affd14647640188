namespace RMBench.Core.Data;

/// <summary>
/// The kind a canonical Parquet file was written as, recorded in its Parquet key-value metadata by
/// <see cref="ParquetDatasetWriter"/>: several kinds' schemas can fit one file (a style-matrix file is also a valid
/// best-of-n file), so the columns alone cannot say how the file is meant to be scored.
/// </summary>
public static class DatasetMetadata
{
    public const string KindKey = "rmbench.kind";
    public const string SchemaVersionKey = "rmbench.schema_version";
    /// <summary>Version of the canonical schemas (DESIGN.md section 4); raise it when a kind's columns change meaning.</summary>
    public const string SchemaVersion = "1";

    /// <summary>The key-value pairs written into a file of <paramref name="kind"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(string kind) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [KindKey] = kind, [SchemaVersionKey] = SchemaVersion };

    /// <summary>The recorded kind and schema version of a file (null when absent), from its footer alone.</summary>
    /// <exception cref="Errors.InputException">The file is missing, not Parquet or its footer is damaged.</exception>
    public static async Task<(string? Kind, string? SchemaVersion)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var source = await ParquetSource.OpenAsync(path, cancellationToken, hash: false);
        return (source.Metadata.GetValueOrDefault(KindKey), source.Metadata.GetValueOrDefault(SchemaVersionKey));
    }
}
