using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx;
using RMBench.Onnx.Text;
using RMBench.Remote.Http;

namespace RMBench.Remote.KServe;

/// <summary>The kserve backend's options from <see cref="ModelOptions.Extra"/> (CLI option names without dashes).</summary>
public sealed record KServeSettings
{
    public static class Keys
    {
        public const string Tensors = "kserve-tensors";
    }

    /// <summary>The shared remote options: --endpoint replicas, --timeout, --header, --api-key-env, --digest, --tokenizer, retry tuning.</summary>
    public RemoteOptions Remote { get; init; } = new();
    /// <summary>REST only: binary tensor data extension (default) or JSON tensors.</summary>
    public bool BinaryTensors { get; init; } = true;
    /// <summary>--label, --chat-template, --truncation, --max-length: the same meaning as for the onnx backend.</summary>
    public OnnxSettings Text { get; init; } = new();

    /// <summary>Tokenizer folder (tokenizer files, tokenizer_config.json, config.json), absolute; null when not given.</summary>
    public string? TokenizerDirectory => Remote.TokenizerDirectory;
    public TextOptions TextOptions => Text.TextOptions;

    public static KServeSettings From(ModelOptions options, KServeSpec spec)
    {
        var extra = options.Extra;
        var settings = new KServeSettings
        {
            // --device is the server's business: handed on unread, so `kserve: --device cuda` is refused as not taken.
            Text = OnnxSettings.From(options with { Extra = extra.Without(OnnxSettings.Keys.Device) }),
            Remote = RemoteOptions.From(options, ["http", "https", "grpc", "grpcs"]),
        };
        CheckReplicas(spec, settings.Remote.Endpoints);
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

    /// <summary>Every replica speaks the SPEC's protocol (REST: http/https, gRPC: grpc/grpcs) and carries no credentials in its URL.</summary>
    private static void CheckReplicas(KServeSpec spec, IReadOnlyList<Uri> endpoints)
    {
        var problems = new List<InputProblem>();
        foreach (var endpoint in endpoints)
        {
            var display = RemoteEndpoint.Describe(endpoint);
            if (KServeSpec.IsGrpcScheme(endpoint.Scheme) != spec.IsGrpc)
                problems.Add(new("--endpoint", $"'{display}' speaks {Protocol(KServeSpec.IsGrpcScheme(endpoint.Scheme))} but the model's URL {RemoteEndpoint.Describe(spec.Url)} speaks {Protocol(spec.IsGrpc)}: every replica of a kserve model must use the same protocol (all http(s):// or all grpc(s)://)"));
            else if (endpoint.UserInfo.Length > 0)
                problems.Add(new("--endpoint", $"'{display}': put credentials in --header or --api-key-env, not in the URL"));
        }
        if (problems.Count > 0) throw new InputException(problems);
    }

    private static string Protocol(bool grpc) => grpc ? "gRPC" : "REST";
}
