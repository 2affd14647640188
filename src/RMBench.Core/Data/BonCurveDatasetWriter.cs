using Parquet;
using Parquet.Schema;
using RMBench.Core.IO;

namespace RMBench.Core.Data;

/// <summary>One bon-curve row: a prompt, its N responses and their gold scores (same order).</summary>
public sealed record BonCurveRow(string Id, string Subset, string Prompt, IReadOnlyList<string> Responses, IReadOnlyList<double> Gold);

/// <summary>
/// Writes bon-curve datasets: id, subset, prompt (strings), responses (list&lt;string&gt;), gold (list&lt;double&gt;).
/// Records its kind in the key-value metadata like every canonical writer. Byte-for-byte the same for the same rows (Snappy, no timestamps, one row group per 10,000 rows), atomically.
/// </summary>
public static class BonCurveDatasetWriter
{
    public static Task WriteAsync(string path, IReadOnlyList<BonCurveRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to write");
        if (rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != rows.Count) throw new ArgumentException("duplicate ids");
        foreach (var row in rows)
            if (row.Responses.Count < 2 || row.Responses.Count != row.Gold.Count || row.Gold.Any(g => !double.IsFinite(g)))
                throw new ArgumentException($"row '{row.Id}': needs N >= 2 responses and N finite gold scores");
        return AtomicFile.WriteAsync(path, stream => WriteParquetAsync(stream, rows, cancellationToken), cancellationToken);
    }

    private static async Task WriteParquetAsync(Stream stream, IReadOnlyList<BonCurveRow> rows, CancellationToken cancellationToken)
    {
        var id = new DataField<string>("id", nullable: false);
        var subset = new DataField<string>("subset", nullable: false);
        var prompt = new DataField<string>("prompt", nullable: false);
        var responses = new ListField("responses", new DataField<string>(ListField.ElementName, nullable: false));
        var gold = new ListField("gold", new DataField<double>(ListField.ElementName, nullable: false));
        var schema = new ParquetSchema(id, subset, prompt, responses, gold);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false, cancellationToken);
        writer.CustomMetadata = DatasetMetadata.For(Suites.Kinds.BonCurveKind.KindName); // the kind travels with the file (see DatasetMetadata)
        for (var start = 0; start < rows.Count; start += ParquetDatasetWriter.RowGroupSize)
        {
            var chunk = rows.Skip(start).Take(ParquetDatasetWriter.RowGroupSize).ToList();
            using var group = writer.CreateRowGroup();
            var fields = schema.Fields;
            await StringLeafBuffer.Scalars((DataField)fields[0], chunk.Select(r => r.Id)).WriteAsync(group, cancellationToken);
            await StringLeafBuffer.Scalars((DataField)fields[1], chunk.Select(r => r.Subset)).WriteAsync(group, cancellationToken);
            await StringLeafBuffer.Scalars((DataField)fields[2], chunk.Select(r => r.Prompt)).WriteAsync(group, cancellationToken);
            var responseList = (ListField)fields[3];
            await StringLeafBuffer.Lists(responseList, (DataField)responseList.Item, chunk.Select(r => r.Responses)).WriteAsync(group, cancellationToken);
            var goldList = (ListField)fields[4];
            var goldLeaf = (DataField)goldList.Item;
            var values = chunk.SelectMany(r => r.Gold).ToArray();
            var definitions = Enumerable.Repeat(goldLeaf.MaxDefinitionLevel, values.Length).ToArray();
            var repetitions = chunk.SelectMany(r => r.Gold.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
            await group.WriteAllPartsAsync<double>(goldLeaf, values, definitions, repetitions, cancellationToken);
            group.CompleteValidate();
        }
    }
}
