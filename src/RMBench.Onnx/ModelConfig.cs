using System.Globalization;
using System.Text.Json;
using RMBench.Core.Errors;

namespace RMBench.Onnx;

/// <summary>
/// What the backend needs from a transformers config.json: labels, pad id, position limit.
/// Pad id: `pad_token_id`; when it is absent or null, `eos_token_id` (what transformers' pipelines use
/// for decoder models without a pad token), recorded as the source; neither is an error.
/// </summary>
public sealed record ModelConfig(
    string? ModelType,
    int? NumLabels,
    IReadOnlyList<string>? Labels,
    int PadTokenId,
    string PadTokenSource,
    int? MaxPositionEmbeddings)
{
    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new InputException(path, "file not found: an optimum export has config.json beside model.onnx (pad_token_id, id2label)");
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InputException(path, $"is not valid JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException(path, "is not a JSON object");
            var problems = new List<InputProblem>();
            var labels = ReadLabels(root, path, problems);
            var numLabels = Int(root, "num_labels", path, problems);
            if (labels is not null && numLabels is not null && labels.Count != numLabels)
                problems.Add(new InputProblem(path, $"num_labels is {numLabels} but id2label has {labels.Count} entries", Column: "num_labels"));
            var pad = Int(root, "pad_token_id", path, problems);
            var source = "config.json pad_token_id";
            if (pad is null && EosId(root, path, problems) is { } eos) (pad, source) = (eos, "config.json eos_token_id (no pad_token_id)");
            if (pad is null && problems.Count == 0)
                problems.Add(new InputProblem(path, "has no pad_token_id (nor eos_token_id): decoder RMs pool the last non-pad token, so the pad id must be the model's own; add it to config.json", Column: "pad_token_id"));
            var maxPositions = Int(root, "max_position_embeddings", path, problems);
            if (problems.Count > 0) throw new InputException(problems);
            var modelType = root.TryGetProperty("model_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return new ModelConfig(modelType, labels?.Count ?? numLabels, labels, pad!.Value, source, maxPositions);
        }
    }

    private static int? Int(JsonElement root, string name, string path, List<InputProblem> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0) return n;
        problems.Add(new InputProblem(path, $"must be a non-negative integer (got {value.GetRawText()})", Column: name));
        return null;
    }

    /// <summary>eos_token_id may be an integer or a list (first one is the end of a turn).</summary>
    private static int? EosId(JsonElement root, string path, List<InputProblem> problems)
    {
        if (root.TryGetProperty("eos_token_id", out var eos) && eos.ValueKind == JsonValueKind.Array)
            return eos.GetArrayLength() > 0 && eos[0].TryGetInt32(out var first) ? first : null;
        return Int(root, "eos_token_id", path, problems);
    }

    /// <summary>id2label as a list by index; keys must be exactly 0..n-1.</summary>
    private static List<string>? ReadLabels(JsonElement root, string path, List<InputProblem> problems)
    {
        if (!root.TryGetProperty("id2label", out var map) || map.ValueKind == JsonValueKind.Null) return null;
        if (map.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new InputProblem(path, "must be an object {\"0\": \"LABEL_0\", ...}", Column: "id2label"));
            return null;
        }
        var byIndex = new SortedDictionary<int, string>();
        foreach (var entry in map.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || entry.Value.ValueKind != JsonValueKind.String)
                problems.Add(new InputProblem(path, $"entry '{entry.Name}' must map an integer index to a label name", Column: "id2label"));
            else byIndex[index] = entry.Value.GetString()!;
        }
        if (byIndex.Count > 0 && (byIndex.Keys.First() != 0 || byIndex.Keys.Last() != byIndex.Count - 1))
            problems.Add(new InputProblem(path, "indexes must be 0..n-1 without gaps", Column: "id2label"));
        return byIndex.Count == 0 ? null : [.. byIndex.Values];
    }
}
