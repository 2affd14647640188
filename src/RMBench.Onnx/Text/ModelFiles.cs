using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Onnx.Text.Tokenizers;

namespace RMBench.Onnx.Text;

/// <summary>Reads the JSON files of an optimum-style model directory, with errors that name the file.</summary>
internal static class ModelFiles
{
    public static JsonDocument? ReadJsonIfExists(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"not valid JSON: {e.Message}");
        }
    }

    public static string? String(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static double? Number(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static JsonElement? Element(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A token given as a string or as an AddedToken object {"content": ...}.</summary>
    public static string? Token(this JsonElement e, string name) => e.Element(name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Object } o => o.String("content"),
        _ => null,
    };
}

/// <summary>The parts of tokenizer_config.json that change how text is encoded or rendered.</summary>
internal sealed class TokenizerConfig
{
    /// <summary>HF's "no limit" sentinel is 1e30; anything above this is not a real limit.</summary>
    private const double SaneMaxLength = 1_000_000_000;

    private TokenizerConfig(string path, JsonElement root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }
    public JsonElement Root { get; }

    public static TokenizerConfig Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, "tokenizer_config.json");
        using var doc = ModelFiles.ReadJsonIfExists(path);
        var root = doc?.RootElement.Clone() ?? JsonDocument.Parse("{}").RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object) throw new InputException(path, "expected a JSON object");
        return new TokenizerConfig(path, root);
    }

    public string? TokenizerClass => Root.String("tokenizer_class");
    public string? Token(string name) => Root.Token(name);
    public bool? Flag(string name) => Root.Bool(name);

    public int? ModelMaxLength => Root.Number("model_max_length") is { } n && n >= 1 && n < SaneMaxLength ? (int)n : null;

    /// <summary>Tokens declared in added_tokens_decoder ({"151643": {"content": ..., "special": true}}).</summary>
    public IEnumerable<AddedToken> AddedTokensDecoder()
    {
        if (Root.Element("added_tokens_decoder") is not { ValueKind: JsonValueKind.Object } decoder) yield break;
        foreach (var entry in decoder.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, out var id) || entry.Value.String("content") is not { } content)
                throw new InputException(Path, $"added_tokens_decoder entry '{entry.Name}' needs an integer id and a content");
            yield return new AddedToken(content, id, entry.Value.Bool("special") ?? false,
                entry.Value.Bool("lstrip") ?? false, entry.Value.Bool("rstrip") ?? false);
        }
    }

    /// <summary>Names of special tokens: bos/eos/unk/pad/cls/sep/mask and additional_special_tokens.</summary>
    public IEnumerable<string> SpecialTokenStrings()
    {
        foreach (var name in new[] { "bos_token", "eos_token", "unk_token", "pad_token", "cls_token", "sep_token", "mask_token" })
            if (Token(name) is { } token) yield return token;
        if (Root.Element("additional_special_tokens") is { ValueKind: JsonValueKind.Array } extra)
            foreach (var item in extra.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) yield return item.GetString()!;
                else if (item.String("content") is { } content) yield return content;
    }

    /// <summary>tokenizer_config's "chat_template": a string, or the "default" (else first) of a list of named templates.</summary>
    public string? ChatTemplate => Root.Element("chat_template") switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Array } list => list.EnumerateArray()
            .Select(t => (Name: t.String("name"), Template: t.String("template")))
            .OrderBy(t => t.Name == "default" ? 0 : 1).Select(t => t.Template).FirstOrDefault(),
        _ => null,
    };
}
