using System.Text.Json;
using System.Text.Json.Nodes;

namespace RMBench.Onnx.Graph;

/// <summary>What config.json says about a sequence-classification model, as transformers writes it.</summary>
/// <param name="Labels">Label names by index (id2label); null = LABEL_0..LABEL_{n-1}.</param>
public sealed record OptimumConfig(
    string ModelType,
    int NumLabels,
    int? PadTokenId,
    int MaxPositionEmbeddings,
    IReadOnlyList<string>? Labels = null,
    string? Architecture = null)
{
    public IReadOnlyList<string> LabelNames => Labels ?? Enumerable.Range(0, NumLabels).Select(i => $"LABEL_{i}").ToArray();

    public JsonObject ToJson()
    {
        var id2Label = new JsonObject();
        var label2Id = new JsonObject();
        for (var i = 0; i < LabelNames.Count; i++)
        {
            id2Label[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = LabelNames[i];
            label2Id[LabelNames[i]] = i;
        }
        var json = new JsonObject
        {
            ["model_type"] = ModelType,
            ["num_labels"] = NumLabels,
            ["id2label"] = id2Label,
            ["label2id"] = label2Id,
            ["pad_token_id"] = PadTokenId,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["torch_dtype"] = "float32",
        };
        if (Architecture is not null) json["architectures"] = new JsonArray(Architecture);
        return json;
    }
}

/// <summary>
/// Writes an optimum-style export directory: model.onnx (+ model.onnx_data for big models), config.json
/// and the tokenizer files copied from another directory. What `optimum-cli export onnx
/// --task text-classification` produces, so tests exercise the same loading path as real exports.
/// </summary>
public static class OptimumExport
{
    public const string ModelFile = "model.onnx";
    public const string ConfigFile = "config.json";

    public static void Write(string directory, OnnxGraph graph, OptimumConfig config, string? tokenizerFilesDirectory = null, ExternalDataPolicy? externalData = null)
    {
        Directory.CreateDirectory(directory);
        OnnxModelWriter.Save(graph, Path.Combine(directory, ModelFile), externalData);
        File.WriteAllText(Path.Combine(directory, ConfigFile), config.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (tokenizerFilesDirectory is null) return;
        foreach (var file in Directory.EnumerateFiles(tokenizerFilesDirectory))
        {
            var name = Path.GetFileName(file);
            if (name is ModelFile or ConfigFile || name.StartsWith(ModelFile + "_", StringComparison.Ordinal)) continue;
            File.Copy(file, Path.Combine(directory, name), overwrite: true);
        }
    }

    public static void Write(string directory, Models.BuiltModel model, string? tokenizerFilesDirectory = null, ExternalDataPolicy? externalData = null) =>
        Write(directory, model.Graph, model.Config, tokenizerFilesDirectory, externalData);
}
