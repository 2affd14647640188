using System.Runtime.CompilerServices;

namespace RMBench.Core.Data;

/// <summary>
/// Validates an opened Parquet file against a kind's schema, one row group at a time: the physical schema
/// first, then the values of the columns whose type is right, then duplicate ids. Every problem goes into
/// one list. Rows are yielded per row group while no problem has been found; after the first problem the
/// rest of the file is still checked (so the user sees every problem) but no more rows are yielded.
/// </summary>
internal static class DatasetValidator
{
    /// <param name="checkIds">False to skip the duplicate-id check (a file read again after it passed keeps its ids unique).</param>
    /// <param name="keepsRows">
    /// False (streaming) to empty each yielded list when the next group is requested and collect before
    /// reading it (<see cref="StreamedGroups"/>), so that the file streams in the memory of one group;
    /// true when the caller keeps the lists it was given.
    /// </param>
    public static async IAsyncEnumerable<IReadOnlyList<DatasetRow>> ValidateAsync(
        ParquetSource source, DatasetSchema schema, ProblemList problems, [EnumeratorCancellation] CancellationToken cancellationToken,
        bool checkIds = true, bool keepsRows = false)
    {
        var columns = ColumnBinder.Bind(source.Schema, schema, problems).ToList();
        if (source.RowCount == 0)
        {
            problems.Add("the file has no rows");
            yield break;
        }
        if (source.RowCount > Array.MaxLength)
        {
            problems.Add($"the file has {source.RowCount} rows; at most {Array.MaxLength} are supported");
            yield break;
        }
        var ids = checkIds ? new IdRegistry((int)source.RowCount) : null;
        var firstRow = 0L;
        List<DatasetRow>? yielded = null;
        for (var g = 0; g < source.Reader.RowGroups.Count; g++)
        {
            if (!keepsRows && g > 0)
            {
                // The caller is done with the previous group: drop its rows (the caller's list is this one)
                // before decoding the next, so that two groups are never alive at once.
                yielded?.Clear();
                StreamedGroups.BeforeNextGroup();
            }
            var rowCount = checked((int)source.Reader.RowGroups[g].RowCount);
            // Decoded columns live only inside ReadRowsAsync: none is held while the caller has the rows.
            yielded = await ReadRowsAsync(source, schema, g, firstRow, rowCount, columns, ids, problems, cancellationToken);
            firstRow += rowCount;
            if (!problems.Any) yield return yielded;
        }
    }

    private static async Task<List<DatasetRow>> ReadRowsAsync(ParquetSource source, DatasetSchema schema, int group, long firstRow, int rowCount,
        List<BoundColumn> columns, IdRegistry? ids, ProblemList problems, CancellationToken cancellationToken)
    {
        var cells = await ColumnDecoder.ReadGroupAsync(source, group, firstRow, columns, problems, cancellationToken);
        // A damaged column is reported once, at its first damaged group, and not read again.
        columns.RemoveAll(c => !cells.ContainsKey(c.Spec.Name));
        return BuildRows(schema, cells, firstRow, rowCount, ids, problems);
    }

    private static List<DatasetRow> BuildRows(DatasetSchema schema, Dictionary<string, object?[]> cells, long firstRow, int rowCount,
        IdRegistry? ids, ProblemList problems)
    {
        var rows = new List<DatasetRow>(rowCount);
        for (var i = 0; i < rowCount; i++)
        {
            var row = firstRow + i;
            var values = new Dictionary<string, object?>(schema.Columns.Count, StringComparer.Ordinal);
            foreach (var spec in schema.Columns)
                values[spec.Name] = cells.TryGetValue(spec.Name, out var column) ? CellRules.Check(spec, column[i], row, problems) : null;
            if (ids is not null && values.GetValueOrDefault("id") is string id && ids.Add(id, row) is { } first)
                problems.Add($"duplicate id '{id}': rows {first} and {row} have the same id", row, "id");
            rows.Add(new DatasetRow(row, values));
        }
        return rows;
    }
}
