using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx;
using RMBench.Onnx.Text;

namespace RMBench.Remote.KServe;

/// <summary>The kserve backend's options from <see cref="ModelOptions.Extra"/> (CLI option names without dashes).</summary>
public sealed record KServeSettings
{
    public static class Keys
    {
        public const string Tokenizer = "tokenizer";
        public const string Tensors = "kserve-tensors";
        public const string Timeout = "timeout";
        public const string Digest = "digest";
    }

    /// <summary>Tokenizer folder (tokenizer files, tokenizer_config.json, config.json), absolute; null when not given.</summary>
    public string? TokenizerDirectory { get; init; }
    /// <summary>REST only: binary tensor data extension (default) or JSON tensors.</summary>
    public bool BinaryTensors { get; init; } = true;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public string? PinnedDigest { get; init; }
    /// <summary>--label, --chat-template, --truncation, --max-length: the same meaning as for the onnx backend.</summary>
    public OnnxSettings Text { get; init; } = new();

    public TextOptions TextOptions => Text.TextOptions;

    public static KServeSettings From(ModelOptions options)
    {
        var extra = options.Extra;
        var settings = new KServeSettings { Text = OnnxSettings.From(options with { Extra = extra.Where(e => e.Key != OnnxSettings.Keys.Device).ToDictionary() }) };
        if (extra.TryGetValue(Keys.Tokenizer, out var dir))
        {
            var path = Path.GetFullPath(dir, options.BaseDirectory);
            if (!Directory.Exists(path)) throw new InputException("--tokenizer", $"folder not found: {path}");
            settings = settings with { TokenizerDirectory = path };
        }
        if (extra.TryGetValue(Keys.Tensors, out var tensors))
            settings = settings with
            {
                BinaryTensors = tensors switch
                {
                    "binary" => true,
                    "json" => false,
                    _ => throw new InputException("--kserve-tensors", $"must be binary or json (got '{tensors}')"),
                },
            };
        if (extra.TryGetValue(Keys.Timeout, out var timeout))
            settings = settings with
            {
                Timeout = double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
                    ? TimeSpan.FromSeconds(s) : throw new InputException("--timeout", $"must be a positive number of seconds (got '{timeout}')"),
            };
        if (extra.TryGetValue(Keys.Digest, out var digest)) settings = settings with { PinnedDigest = digest };
        return settings;
    }
}
