namespace RMBench.Core.Data;

/// <summary>
/// Validates an opened Parquet file against a kind's schema: the physical schema first, then the values
/// of the columns whose type is right, then duplicate ids. Every problem goes into one list.
/// </summary>
internal static class DatasetValidator
{
    public static async Task<IReadOnlyList<DatasetRow>> ValidateAsync(
        ParquetSource source, DatasetSchema schema, ProblemList problems, CancellationToken cancellationToken)
    {
        var columns = ColumnBinder.Bind(source.Schema, schema, problems);
        if (source.RowCount == 0)
        {
            problems.Add("the file has no rows");
            return [];
        }
        if (source.RowCount > Array.MaxLength)
        {
            problems.Add($"the file has {source.RowCount} rows; at most {Array.MaxLength} are supported");
            return [];
        }
        var cells = await ColumnDecoder.ReadAllAsync(source, columns, problems, cancellationToken);
        var rows = BuildRows(schema, cells, (int)source.RowCount, problems);
        return problems.Any ? [] : rows;
    }

    private static List<DatasetRow> BuildRows(DatasetSchema schema, Dictionary<string, object?[]> cells, int rowCount, ProblemList problems)
    {
        var rows = new List<DatasetRow>(rowCount);
        var firstRowOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var row = 0; row < rowCount; row++)
        {
            var values = new Dictionary<string, object?>(schema.Columns.Count, StringComparer.Ordinal);
            foreach (var spec in schema.Columns)
                values[spec.Name] = cells.TryGetValue(spec.Name, out var column) ? CellRules.Check(spec, column[row], row, problems) : null;
            CheckUniqueId(values.GetValueOrDefault("id") as string, row, firstRowOfId, problems);
            rows.Add(new DatasetRow(row, values));
        }
        return rows;
    }

    private static void CheckUniqueId(string? id, long row, Dictionary<string, long> firstRowOfId, ProblemList problems)
    {
        if (id is null) return;
        if (!firstRowOfId.TryAdd(id, row))
            problems.Add($"duplicate id '{id}': rows {firstRowOfId[id]} and {row} have the same id", row, "id");
    }
}
