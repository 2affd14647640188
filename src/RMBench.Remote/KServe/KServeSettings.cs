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
    /// <summary>--header / --api-key-env headers, sent on every call (never recorded).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>--label, --chat-template, --truncation, --max-length: the same meaning as for the onnx backend.</summary>
    public OnnxSettings Text { get; init; } = new();

    public TextOptions TextOptions => Text.TextOptions;

    public static KServeSettings From(ModelOptions options)
    {
        var extra = options.Extra;
        var settings = new KServeSettings { Text = OnnxSettings.From(options with { Extra = extra.Where(e => e.Key != OnnxSettings.Keys.Device).ToDictionary() }) };
        // --tokenizer, --timeout, --header, --api-key-env, --digest: the shared remote options and their checks.
        var remote = RMBench.Remote.Http.RemoteOptions.From(options, ["http", "https", "grpc", "grpcs"]);
        if (remote.Endpoints.Count > 0)
            throw new InputException("--endpoint", "kserve: takes one endpoint (the SPEC's URL); replicas via --endpoint are not supported for kserve yet");
        settings = settings with
        {
            TokenizerDirectory = remote.TokenizerDirectory,
            Timeout = remote.Timeout,
            PinnedDigest = remote.Digest,
            Headers = remote.Headers,
        };
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
        return settings;
    }
}
