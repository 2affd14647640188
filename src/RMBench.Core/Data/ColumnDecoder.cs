using Parquet;
using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>A conversation turn as stored, before validation (role or content may be null).</summary>
internal sealed record TurnCell(string? Role, string? Content);

/// <summary>
/// Reads bound columns of one row group into one cell per row, still unvalidated:
/// scalars as string/byte[]/bool/long/double, lists as object?[] of items (string or
/// <see cref="TurnCell"/>, null for a null item), and null for a null value or list.
/// A column whose data cannot be decoded becomes a problem and is left out of the result.
/// </summary>
internal static class ColumnDecoder
{
    /// <param name="firstRow">File row index of the group's first row, for messages.</param>
    public static async Task<Dictionary<string, object?[]>> ReadGroupAsync(ParquetSource source, int groupIndex, long firstRow,
        IEnumerable<BoundColumn> columns, ProblemList problems, CancellationToken cancellationToken)
    {
        var group = source.Reader.RowGroups[groupIndex];
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            try
            {
                var cells = await ReadGroupAsync(group, column, cancellationToken);
                if (cells.Length != group.RowCount)
                    throw new InvalidDataException($"found {cells.Length} values for {group.RowCount} rows");
                result[column.Spec.Name] = cells;
                StreamedGroups.CollectYoungIfDue(); // the column's raw pages and decoded buffers are garbage now
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"damaged data in row group {groupIndex} (rows {firstRow} to {firstRow + group.RowCount - 1}): {ex.Message}",
                    column: column.Spec.Name);
            }
        }
        return result;
    }

    private static Task<object?[]> ReadGroupAsync(ParquetRowGroupReader group, BoundColumn column, CancellationToken cancellationToken) =>
        column.Spec.Type switch
        {
            ColumnType.StringList => ReadStringListsAsync(group, column.Field, cancellationToken),
            ColumnType.DoubleList => ReadDoubleListsAsync(group, column.Field, cancellationToken),
            ColumnType.Conversation => ReadConversationsAsync(group, column.Field, cancellationToken),
            _ => ReadScalarsAsync(group, (DataField)column.Field, cancellationToken),
        };

    private static async Task<object?[]> ReadScalarsAsync(ParquetRowGroupReader group, DataField field, CancellationToken cancellationToken) =>
        (await LeafReader.ReadAsync(group, field, cancellationToken)).Values;

    private static async Task<object?[]> ReadStringListsAsync(ParquetRowGroupReader group, Field field, CancellationToken cancellationToken)
    {
        var leaf = await LeafReader.ReadAsync(group, ParquetTypes.StringListLeaf(field)!, cancellationToken);
        return AssembleLists(leaf, field, i => leaf.Values[i]);
    }

    private static async Task<object?[]> ReadDoubleListsAsync(ParquetRowGroupReader group, Field field, CancellationToken cancellationToken)
    {
        var leaf = await LeafReader.ReadAsync(group, ParquetTypes.DoubleListLeaf(field)!, cancellationToken);
        return AssembleLists(leaf, field, i => leaf.Values[i]);
    }

    private static async Task<object?[]> ReadConversationsAsync(ParquetRowGroupReader group, Field field, CancellationToken cancellationToken)
    {
        var (turn, roleField, contentField) = ParquetTypes.ConversationLeaves(field)!.Value;
        var role = await LeafReader.ReadAsync(group, roleField, cancellationToken);
        var content = await LeafReader.ReadAsync(group, contentField, cancellationToken);
        if (role.Count != content.Count)
            throw new InvalidDataException($"'role' has {role.Count} entries but 'content' has {content.Count}");
        return AssembleLists(role, field, i => role.Definitions[i] < turn.MaxDefinitionLevel
            ? null
            : new TurnCell(role.Values[i] as string, content.Values[i] as string));
    }

    /// <summary>
    /// Rebuilds one list per row from the levels of a leaf under the top-level list field
    /// <paramref name="list"/>: repetition level 0 starts a row; a definition level below the list's
    /// own level minus one means a null list, below the list's level an empty list, else an item.
    /// </summary>
    private static object?[] AssembleLists(LeafData levels, Field list, Func<int, object?> item)
    {
        var (nullBelow, emptyBelow) = (list.MaxDefinitionLevel - 1, list.MaxDefinitionLevel);
        var rows = new List<List<object?>?>();
        List<object?>? current = null;
        for (var i = 0; i < levels.Count; i++)
        {
            var definition = levels.Definitions[i];
            if (levels.Repetitions[i] == 0)
            {
                current = definition < nullBelow ? null : [];
                rows.Add(current);
            }
            else if (current is null)
            {
                throw new InvalidDataException("a list item continues a row that has no list");
            }
            if (definition >= emptyBelow) current!.Add(item(i));
        }
        return [.. rows.Select(r => (object?)r?.ToArray())];
    }
}
