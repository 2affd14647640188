using System.Runtime.CompilerServices;

namespace RMBench.Core.Data;

/// <summary>
/// Reads a canonical dataset file and validates it against a kind's schema before any row is used:
/// missing or mistyped columns, nulls in required columns, duplicate ids, empty or wrong-length lists,
/// zero rows, non-Parquet and truncated files. Reports every problem found as one InputException.
/// </summary>
public static class ParquetDatasetReader
{
    /// <summary>
    /// Reads and validates <paramref name="path"/> whole. Values in <see cref="DatasetRow.Values"/> have the
    /// schema's logical types; optional columns absent from the file read as null; columns the schema
    /// does not name are ignored but listed in <see cref="Dataset.Columns"/>. For files too large to hold
    /// in memory use <see cref="DatasetFile"/>, which reads one row group at a time.
    /// </summary>
    /// <exception cref="Errors.InputException">The file is missing, not Parquet, damaged or invalid for the schema; it lists every problem found.</exception>
    public static async Task<Dataset> ReadAsync(string path, DatasetSchema schema, CancellationToken cancellationToken = default)
    {
        var file = new DatasetFile(path, schema);
        var rows = new List<DatasetRow>();
        await foreach (var group in file.ReadRowGroupsAsync(cancellationToken, keepsRows: true)) rows.AddRange(group);
        return new Dataset(path, file.Sha256!, file.Columns!, rows);
    }

    /// <summary>
    /// The problems of the file's physical schema against <paramref name="schema"/> (missing or mistyped
    /// columns), from its footer alone; empty when every column binds. Values are not read.
    /// </summary>
    /// <exception cref="Errors.InputException">The file is missing, not Parquet or its footer is damaged.</exception>
    public static async Task<IReadOnlyList<Errors.InputProblem>> CheckColumnsAsync(string path, DatasetSchema schema, CancellationToken cancellationToken = default)
    {
        await using var source = await ParquetSource.OpenAsync(path, cancellationToken, hash: false);
        var problems = new ProblemList(path);
        ColumnBinder.Bind(source.Schema, schema, problems);
        return problems.ToList();
    }
}

/// <summary>
/// A dataset file read and validated one row group at a time, so that a file of any size streams through
/// in the memory of one group. The first read hashes the file; every later read checks that the file
/// still has that hash, so two passes over a file (validate, then run) see the same rows.
/// </summary>
public sealed class DatasetFile(string path, DatasetSchema schema)
{
    public string Path { get; } = path;
    public DatasetSchema Schema { get; } = schema;
    /// <summary>Lowercase hex SHA-256 of the file bytes; null before the first read.</summary>
    public string? Sha256 { get; private set; }
    /// <summary>Column names of the file; null before the first read.</summary>
    public IReadOnlyList<string>? Columns { get; private set; }
    /// <summary>Rows in the file (from its footer); null before the first read.</summary>
    public long? RowCount { get; private set; }

    /// <summary>Reads the whole file once to validate it, keeping no row.</summary>
    /// <exception cref="Errors.InputException">Every problem found.</exception>
    public async Task ValidateAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in ReadRowGroupsAsync(cancellationToken)) { }
    }

    /// <summary>
    /// The validated rows, one list per row group. Every problem of the whole file is collected and thrown
    /// as one InputException after the last group; rows are yielded only while no problem has been found.
    /// Streaming, a group's list is emptied when the next group is requested: copy the rows to keep them,
    /// or pass <paramref name="keepsRows"/>.
    /// </summary>
    /// <param name="keepsRows">True when the caller keeps the lists it is given (reading the whole file): they are then left whole and no collection runs between groups.</param>
    /// <exception cref="Errors.InputException">The file is missing, not Parquet, damaged, invalid for the schema, or changed since the first read.</exception>
    public async IAsyncEnumerable<IReadOnlyList<DatasetRow>> ReadRowGroupsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default,
        bool keepsRows = false)
    {
        await using var source = await ParquetSource.OpenAsync(Path, cancellationToken);
        if (Sha256 is not null && source.Sha256 != Sha256)
            throw new Errors.InputException(Path, "the file changed during the run (its sha256 differs from when it was first read)");
        // A later read of the same bytes needs no duplicate-id check (the table of ids is the costly part).
        var firstRead = Sha256 is null;
        (Sha256, Columns, RowCount) = (source.Sha256, [.. source.Schema.Fields.Select(f => f.Name)], source.RowCount);
        var problems = new ProblemList(Path);
        await foreach (var rows in DatasetValidator.ValidateAsync(source, Schema, problems, cancellationToken, checkIds: firstRead, keepsRows))
            yield return rows;
        problems.ThrowIfAny();
    }
}
