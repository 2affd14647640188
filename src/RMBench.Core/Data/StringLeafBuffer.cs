using Parquet;
using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>
/// Collects the values and Dremel levels of one string leaf column for a row group, then writes them
/// with explicit definition levels, so that null values and empty lists are encoded exactly.
/// </summary>
internal sealed class StringLeafBuffer(DataField leaf)
{
    private readonly List<ReadOnlyMemory<char>> _values = [];
    private readonly List<int> _definitions = [];
    private readonly List<int> _repetitions = [];

    /// <summary>Adds one row of a top-level (not repeated) column; null only where the leaf is nullable.</summary>
    /// <summary>A buffer holding one value per row.</summary>
    public static StringLeafBuffer Scalars(DataField leaf, IEnumerable<string?> values)
    {
        var buffer = new StringLeafBuffer(leaf);
        foreach (var value in values) buffer.AddValue(value);
        return buffer;
    }

    /// <summary>A buffer holding one list per row, the leaf of <paramref name="list"/>.</summary>
    public static StringLeafBuffer Lists(Field list, DataField leaf, IEnumerable<IEnumerable<string>> rows)
    {
        var buffer = new StringLeafBuffer(leaf);
        foreach (var items in rows) buffer.AddList(list, items);
        return buffer;
    }

    public void AddValue(string? value)
    {
        if (value is not null) _values.Add(value.AsMemory());
        _definitions.Add(value is null ? leaf.MaxDefinitionLevel - 1 : leaf.MaxDefinitionLevel);
        _repetitions.Add(0);
    }

    /// <summary>Adds one row of the top-level list <paramref name="list"/> whose items end in this leaf.</summary>
    public void AddList(Field list, IEnumerable<string> items)
    {
        var count = 0;
        foreach (var item in items)
        {
            _values.Add(item.AsMemory());
            _definitions.Add(leaf.MaxDefinitionLevel);
            _repetitions.Add(count++ == 0 ? 0 : 1);
        }
        if (count > 0) return;
        _definitions.Add(list.MaxDefinitionLevel - 1);
        _repetitions.Add(0);
    }

    public Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, _values.ToArray(),
            leaf.MaxDefinitionLevel > 0 ? (ReadOnlyMemory<int>?)_definitions.ToArray() : null,
            leaf.MaxRepetitionLevel > 0 ? (ReadOnlyMemory<int>?)_repetitions.ToArray() : null,
            cancellationToken);
}
