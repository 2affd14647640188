using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// Reads RewardBench rows from Parquet with Parquet.Net's low-level column API: only the needed columns,
/// every row group, nulls and list structure taken from definition and repetition levels. The schema is
/// checked first (all missing or mistyped columns reported together), then each cell.
/// </summary>
internal static class RewardBenchParquet
{
    /// <summary>A column the importer reads: whether it must exist, and which shapes besides a string column it may have.</summary>
    private sealed record ColumnRule(string Name, bool Required, bool ListsAllowed = false, bool IntegersAllowed = false);

    private static readonly ColumnRule[] Columns =
    [
        new("prompt", Required: true),
        new("chosen", Required: true, ListsAllowed: true),
        new("rejected", Required: true, ListsAllowed: true),
        new("subset", Required: true),
        new("id", Required: false, IntegersAllowed: true),
        new("chosen_model", Required: false),
        new("rejected_model", Required: false),
    ];

    /// <summary>A column's leaf values per row: string, list of strings, or long; Problem says why a cell is unusable.</summary>
    private readonly record struct Cell(object? Value, string? Problem);

    public static async Task<IReadOnlyList<RewardBenchImporter.Source>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try { reader = await ParquetReader.CreateAsync(path, null, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InputException(path, $"not a readable Parquet file: {e.Message}");
        }
        await using (reader)
        {
            var fields = reader.Schema.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            var problems = new List<InputProblem>();
            foreach (var rule in Columns)
            {
                if (!fields.TryGetValue(rule.Name, out var field))
                {
                    if (rule.Required) problems.Add(new InputProblem(path, $"missing required column '{rule.Name}'.", Column: rule.Name));
                }
                else if (Shape(field, rule) is { } problem) problems.Add(new InputProblem(path, problem, Column: rule.Name));
            }
            if (problems.Count > 0) throw new InputException(problems);

            var rowCount = reader.RowGroups.Sum(g => g.RowCount);
            if (rowCount == 0) throw new InputException(path, "the file holds no rows.");
            var columns = new Dictionary<string, List<Cell>>(StringComparer.Ordinal);
            foreach (var rule in Columns.Where(r => fields.ContainsKey(r.Name)))
            {
                var cells = await ReadColumnAsync(reader, path, fields[rule.Name], cancellationToken);
                if (cells.Count != rowCount)
                    throw new InputException(path, $"column has {cells.Count} values for {rowCount} rows; the file is corrupt.", column: rule.Name);
                columns[rule.Name] = cells;
            }

            var sources = new List<RewardBenchImporter.Source>((int)rowCount);
            for (var row = 0; row < rowCount; row++)
            {
                var at = RecordRef.AtParquetRow(path, row);
                sources.Add(new RewardBenchImporter.Source(at, row,
                    (string)Required(columns, "prompt", row, at),
                    Answers(Required(columns, "chosen", row, at)),
                    Answers(Required(columns, "rejected", row, at)),
                    (string)Required(columns, "subset", row, at),
                    Optional(columns, "id", row) switch
                    {
                        null => null,
                        long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        string { Length: > 0 } text => text,
                        _ => throw at.Error("id must not be an empty string.", "id"),
                    },
                    (string?)Optional(columns, "chosen_model", row),
                    (string?)Optional(columns, "rejected_model", row)));
            }
            return sources;
        }
    }

    private static RewardBenchImporter.Answers Answers(object value) =>
        value is List<string> list ? new(list, IsList: true) : new([(string)value], IsList: false);

    private static object Required(Dictionary<string, List<Cell>> columns, string name, int row, RecordRef at)
    {
        var cell = columns[name][row];
        return cell.Problem is null ? cell.Value! : throw at.Error($"{cell.Problem}.", name);
    }

    /// <summary>An optional (flat) column's value: null when the column is absent or the cell is null.</summary>
    private static object? Optional(Dictionary<string, List<Cell>> columns, string name, int row) =>
        columns.TryGetValue(name, out var cells) ? cells[row].Value : null;

    /// <summary>Null when the column has an allowed shape: string, or also list of strings / integer where allowed.</summary>
    private static string? Shape(Field field, ColumnRule rule)
    {
        var expected = rule.ListsAllowed ? "a string or list-of-strings column" : rule.IntegersAllowed ? "a string or integer column" : "a string column";
        return field switch
        {
            DataField { MaxRepetitionLevel: 0 } data when IsString(data) || rule.IntegersAllowed && IsInteger(data) => null,
            ListField { Item: DataField item } when rule.ListsAllowed && IsString(item) && item.MaxRepetitionLevel == 1 => null,
            _ => $"expected {expected}, found {Describe(field)}.",
        };
    }

    private static string Describe(Field field) => field switch
    {
        ListField { Item: DataField item } => $"a list of {item.ClrType.Name}",
        DataField data => data.ClrType == typeof(ReadOnlyMemory<char>) ? "String" : data.ClrType.Name,
        _ => $"a {field.SchemaType} column",
    };

    private static bool IsString(DataField field) => field.ClrType == typeof(ReadOnlyMemory<char>) || field.ClrType == typeof(string);
    private static bool IsInteger(DataField field) => field.ClrType == typeof(long) || field.ClrType == typeof(int);

    /// <summary>Reads one (already shape-checked) column over all row groups into one cell per row.</summary>
    private static async Task<List<Cell>> ReadColumnAsync(ParquetReader reader, string path, Field field, CancellationToken cancellationToken)
    {
        var (leaf, list) = field is ListField { Item: DataField item } listField ? (item, listField) : ((DataField)field, null);
        var cells = new List<Cell>();
        foreach (var group in reader.RowGroups)
        {
            var count = (int)(group.GetMetadata(leaf)?.MetaData?.NumValues
                              ?? throw new InputException(path, "column chunk missing in a row group; the file is corrupt.", column: field.Name));
            var definitions = new int[count];
            var repetitions = new int[count];
            object[] values;
            try
            {
                values = leaf.ClrType == typeof(long) ? await ReadLeafAsync<long>(group, leaf, definitions, repetitions, v => v, cancellationToken)
                    : leaf.ClrType == typeof(int) ? await ReadLeafAsync<int>(group, leaf, definitions, repetitions, v => (long)v, cancellationToken)
                    : await ReadLeafAsync<ReadOnlyMemory<char>>(group, leaf, definitions, repetitions, v => v.ToString(), cancellationToken);
            }
            catch (Exception e) when (e is not (OperationCanceledException or InputException))
            {
                throw new InputException(path, $"cannot read the column: {e.Message}", column: field.Name);
            }
            Assemble(cells, values, definitions, repetitions, leaf.MaxDefinitionLevel, list);
        }
        return cells;
    }

    private static async Task<object[]> ReadLeafAsync<T>(ParquetRowGroupReader group, DataField leaf, int[] definitions,
        int[] repetitions, Func<T, object> box, CancellationToken cancellationToken) where T : struct
    {
        var values = new T[definitions.Length];
        await group.ReadRawAsync(leaf, values.AsMemory(), definitions.AsMemory(), repetitions.AsMemory(), cancellationToken);
        return values.Select(box).ToArray();
    }

    /// <summary>
    /// Turns raw leaf values (non-null values packed at the front) and levels into cells. A value is present
    /// when its definition level is the leaf's maximum. For a list, repetition level 0 starts a new row and a
    /// lower definition level means, from the list's own level L: below L-1 a null list, L-1 an empty list,
    /// otherwise a null element.
    /// </summary>
    private static void Assemble(List<Cell> cells, object[] values, int[] definitions, int[] repetitions, int maxDefinition, ListField? list)
    {
        var next = 0;
        List<string>? items = null;
        string? problem = null;
        for (var i = 0; i < definitions.Length; i++)
        {
            var present = definitions[i] == maxDefinition;
            var value = present ? values[next++] : null;
            if (list is null)
            {
                cells.Add(new Cell(value, present ? null : "is null"));
                continue;
            }
            if (repetitions[i] == 0)
            {
                if (items is not null) cells.Add(new Cell(items, problem));
                items = [];
                problem = null;
            }
            if (present) items!.Add((string)value!);
            else problem ??= definitions[i] < list.MaxDefinitionLevel - 1 ? "is null"
                : definitions[i] == list.MaxDefinitionLevel - 1 ? "is an empty list"
                : "has a null element";
        }
        if (items is not null) cells.Add(new Cell(items, problem));
    }
}
