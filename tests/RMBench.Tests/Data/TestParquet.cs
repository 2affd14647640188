using Parquet;
using Parquet.Schema;

namespace RMBench.Tests.Data;

/// <summary>
/// One column of a hand-made test file: its field, and how to write its values into a row group given
/// the field instance from the file's schema (which carries the computed Dremel levels).
/// </summary>
internal sealed record TestColumn(Field Field, Func<ParquetRowGroupWriter, Field, Task> Write)
{
    public string Name => Field.Name;
}

/// <summary>
/// Crafts Parquet files with Parquet.Net's low-level writer, including files that are valid Parquet but
/// break the canonical schemas (wrong types, nulls, empty lists...). Levels are computed here, not by the
/// production writer, so the tests do not share its assumptions.
/// </summary>
internal static class TestParquet
{
    public static Task WriteAsync(string path, params TestColumn[] columns) => WriteGroupsAsync(path, [columns]);

    /// <summary>Writes one row group per entry; every group must have the same columns in the same order.</summary>
    public static async Task WriteGroupsAsync(string path, IReadOnlyList<TestColumn[]> groups)
    {
        var schema = new ParquetSchema(groups[0].Select(c => c.Field));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        foreach (var group in groups)
        {
            using var rowGroup = writer.CreateRowGroup();
            for (var i = 0; i < group.Length; i++) await group[i].Write(rowGroup, schema.Fields[i]);
            rowGroup.CompleteValidate();
        }
    }

    /// <summary>A file with the given columns and no row group at all.</summary>
    public static async Task WriteEmptyAsync(string path, params Field[] fields)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
    }

    /// <summary>Nullable string column.</summary>
    public static TestColumn Strings(string name, params string?[] values) =>
        new(new DataField<string>(name, nullable: true), (group, field) =>
        {
            var leaf = (DataField)field;
            var definitions = values.Select(v => v is null ? 0 : leaf.MaxDefinitionLevel).ToArray();
            return group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, Present(values), definitions, null, default);
        });

    public static TestColumn Longs(string name, params long[] values) =>
        new(new DataField<long>(name), (group, field) => group.WriteAsync<long>((DataField)field, values));

    public static TestColumn Ints(string name, params int[] values) =>
        new(new DataField<int>(name), (group, field) => group.WriteAsync<int>((DataField)field, values));

    public static TestColumn Doubles(string name, params double[] values) =>
        new(new DataField<double>(name), (group, field) => group.WriteAsync<double>((DataField)field, values));

    public static TestColumn Floats(string name, params float[] values) =>
        new(new DataField<float>(name), (group, field) => group.WriteAsync<float>((DataField)field, values));

    public static TestColumn Bools(string name, params bool[] values) =>
        new(new DataField<bool>(name), (group, field) => group.WriteAsync<bool>((DataField)field, values));

    public static TestColumn Binaries(string name, params byte[][] values) =>
        new(new DataField<byte[]>(name), (group, field) => group.WriteAsync((DataField)field, values));

    /// <summary>Legacy list encoding: a bare repeated string field without the LIST wrapper.</summary>
    public static TestColumn RepeatedStrings(string name, params string[][] rows) =>
        new(new DataField<string[]>(name), (group, field) =>
        {
            var leaf = (DataField)field;
            var (definitions, repetitions) = ListLevels(rows, _ => leaf.MaxDefinitionLevel, leaf.MaxDefinitionLevel);
            return group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, Present(rows.SelectMany(r => r)), definitions, repetitions, default);
        });

    /// <summary>list&lt;string&gt; with nullable lists and nullable items; a null row is a null list.</summary>
    public static TestColumn StringLists(string name, params string?[]?[] rows) =>
        new(new ListField(name, new DataField<string>(ListField.ElementName, nullable: true)), (group, field) =>
        {
            var list = (ListField)field;
            var leaf = (DataField)list.Item;
            var (definitions, repetitions) = ListLevels(rows, item => item is null ? leaf.MaxDefinitionLevel - 1 : leaf.MaxDefinitionLevel,
                list.MaxDefinitionLevel);
            return group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, Present(rows.SelectMany(r => r ?? [])), definitions, repetitions, default);
        });

    /// <summary>list&lt;double&gt; with required items.</summary>
    public static TestColumn DoubleLists(string name, params double[][] rows) =>
        new(new ListField(name, new DataField<double>(ListField.ElementName, nullable: false)), (group, field) =>
        {
            var list = (ListField)field;
            var leaf = (DataField)list.Item;
            var (definitions, repetitions) = ListLevels(rows, _ => leaf.MaxDefinitionLevel, list.MaxDefinitionLevel);
            return group.WriteAllPartsAsync<double>(leaf, rows.SelectMany(r => r).ToArray(), definitions, repetitions, default);
        });

    /// <summary>list&lt;struct&lt;role, content&gt;&gt; where lists, turns, roles and contents may all be null.</summary>
    public static TestColumn Conversations(string name, params TestTurn?[]?[] rows) =>
        new(new ListField(name, new StructField(ListField.ElementName,
            new DataField<string>("role", nullable: true), new DataField<string>("content", nullable: true))), async (group, field) =>
        {
            var list = (ListField)field;
            var turn = (StructField)list.Item;
            foreach (var leaf in turn.Fields.Cast<DataField>())
            {
                string? Value(TestTurn t) => leaf.Name == "role" ? t.Role : t.Content;
                var (definitions, repetitions) = ListLevels(rows,
                    t => t is null ? turn.MaxDefinitionLevel - 1 : Value(t) is null ? leaf.MaxDefinitionLevel - 1 : leaf.MaxDefinitionLevel,
                    list.MaxDefinitionLevel);
                var values = rows.SelectMany(r => r ?? []).Select(t => t is null ? null : Value(t));
                await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, Present(values), definitions, repetitions, default);
            }
        });

    /// <summary>Dremel levels of one top-level list per row: null list, empty list, or items.</summary>
    private static (int[] Definitions, int[] Repetitions) ListLevels<T>(IEnumerable<T[]?> rows, Func<T, int> itemDefinition, int listLevel)
    {
        var (definitions, repetitions) = (new List<int>(), new List<int>());
        foreach (var row in rows)
        {
            if (row is null || row.Length == 0)
            {
                definitions.Add(row is null ? listLevel - 2 : listLevel - 1);
                repetitions.Add(0);
                continue;
            }
            for (var k = 0; k < row.Length; k++)
            {
                definitions.Add(itemDefinition(row[k]));
                repetitions.Add(k == 0 ? 0 : 1);
            }
        }
        return ([.. definitions], [.. repetitions]);
    }

    private static ReadOnlyMemory<char>[] Present(IEnumerable<string?> values) =>
        [.. values.Where(v => v is not null).Select(v => v!.AsMemory())];
}

internal sealed record TestTurn(string? Role, string? Content);
