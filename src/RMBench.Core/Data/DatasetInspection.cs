using RMBench.Core.Errors;

namespace RMBench.Core.Data;

/// <summary>A top-level column of a Parquet file with a readable physical type such as "list&lt;string&gt;".</summary>
public sealed record PhysicalColumn(string Name, string Type, bool Nullable);

/// <summary>Whether a file validates against one kind's schema, and if not, why.</summary>
public sealed record KindCheck(string Kind, bool Valid, IReadOnlyList<InputProblem> Problems);

/// <summary>What <c>rmbench inspect FILE.parquet</c> shows: the physical schema, sizes, hash, fit per kind, and the kind
/// recorded in the file's metadata (<see cref="DatasetMetadata"/>; null for a file not written by RMBench).</summary>
public sealed record InspectionReport(
    string Path,
    string Sha256,
    long RowCount,
    int RowGroupCount,
    IReadOnlyList<PhysicalColumn> Columns,
    IReadOnlyList<KindCheck> Kinds,
    string? RecordedKind = null,
    string? SchemaVersion = null);

/// <summary>Inspects a Parquet file without committing to a kind.</summary>
public static class DatasetInspection
{
    /// <summary>
    /// Reads the file's schema and sizes, then validates it against every candidate schema
    /// (kind name -> schema), reporting each kind's problems. Kinds are listed in ordinal name order.
    /// </summary>
    /// <exception cref="InputException">The file is missing, not Parquet, or damaged beyond reading its footer.</exception>
    public static async Task<InspectionReport> InspectAsync(
        string path, IReadOnlyDictionary<string, DatasetSchema> kinds, CancellationToken cancellationToken = default)
    {
        await using var source = await ParquetSource.OpenAsync(path, cancellationToken);
        var columns = source.Schema.Fields
            .Select(f => new PhysicalColumn(f.Name, ParquetTypes.Describe(f), f.IsNullable))
            .ToList();
        var checks = new List<KindCheck>();
        foreach (var (kind, schema) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
            checks.Add(await CheckKindAsync(source, kind, schema, cancellationToken));
        return new InspectionReport(path, source.Sha256, source.RowCount, source.Reader.RowGroupCount, columns, checks,
            source.Metadata.GetValueOrDefault(DatasetMetadata.KindKey), source.Metadata.GetValueOrDefault(DatasetMetadata.SchemaVersionKey));
    }

    private static async Task<KindCheck> CheckKindAsync(ParquetSource source, string kind, DatasetSchema schema, CancellationToken cancellationToken)
    {
        var problems = new ProblemList(source.Path);
        await foreach (var _ in DatasetValidator.ValidateAsync(source, schema, problems, cancellationToken)) { } // rows are not kept: only the problems
        return new KindCheck(kind, !problems.Any, problems.ToList());
    }
}
