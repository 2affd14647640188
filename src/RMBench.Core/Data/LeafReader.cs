using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>
/// One leaf column of one row group: its definition and repetition levels and, aligned with them, the
/// converted values (null where the definition level says the value is absent).
/// </summary>
internal sealed record LeafData(int[] Definitions, int[] Repetitions, object?[] Values)
{
    public int Count => Definitions.Length;
}

/// <summary>Reads a leaf column with Parquet.Net's raw API and converts values to .NET types.</summary>
internal static class LeafReader
{
    public static async Task<LeafData> ReadAsync(ParquetRowGroupReader group, DataField field, CancellationToken cancellationToken)
    {
        using var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken);
        var maxDefinition = field.MaxDefinitionLevel;
        // A leaf without definition levels is required and not repeated: one value per row.
        var definitions = maxDefinition > 0 ? raw.DefinitionLevels.ToArray() : new int[checked((int)group.RowCount)];
        var repetitions = field.MaxRepetitionLevel > 0 ? raw.RepetitionLevels.ToArray() : new int[definitions.Length];
        if (repetitions.Length != definitions.Length)
            throw new InvalidDataException($"{definitions.Length} definition levels but {repetitions.Length} repetition levels");
        var present = Box(raw, definitions.Count(d => d == maxDefinition));
        return new LeafData(definitions, repetitions, Align(definitions, maxDefinition, present));
    }

    private static object?[] Align(int[] definitions, int maxDefinition, object[] present)
    {
        var aligned = new object?[definitions.Length];
        var next = 0;
        for (var i = 0; i < definitions.Length; i++)
            if (definitions[i] == maxDefinition) aligned[i] = present[next++];
        return aligned;
    }

    private static object[] Box(RawColumnData raw, int count) => raw switch
    {
        RawColumnData<ReadOnlyMemory<char>> d => Box(d.Values, count, v => v.ToString()),
        RawColumnData<ReadOnlyMemory<byte>> d => Box(d.Values, count, v => v.ToArray()),
        RawColumnData<bool> d => Box(d.Values, count, v => v),
        RawColumnData<sbyte> d => Box(d.Values, count, v => (long)v),
        RawColumnData<byte> d => Box(d.Values, count, v => (long)v),
        RawColumnData<short> d => Box(d.Values, count, v => (long)v),
        RawColumnData<ushort> d => Box(d.Values, count, v => (long)v),
        RawColumnData<int> d => Box(d.Values, count, v => (long)v),
        RawColumnData<uint> d => Box(d.Values, count, v => (long)v),
        RawColumnData<long> d => Box(d.Values, count, v => v),
        RawColumnData<float> d => Box(d.Values, count, v => (double)v),
        RawColumnData<double> d => Box(d.Values, count, v => v),
        _ => throw new NotSupportedException($"unsupported physical column type {raw.GetType().Name}"),
    };

    private static object[] Box<T>(Span<T> values, int count, Func<T, object> convert)
    {
        if (values.Length < count)
            throw new InvalidDataException($"the column chunk holds {values.Length} values where its levels announce {count}");
        var boxed = new object[count];
        for (var i = 0; i < count; i++) boxed[i] = convert(values[i]);
        return boxed;
    }
}
