using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx.Text;
using RMBench.Remote.Http;

namespace RMBench.Remote.Vllm;

/// <summary>
/// `vllm:URL#MODEL`: a reward model served by vLLM's pooling runner. URL is the server's base (a trailing /v1 is
/// accepted). `--vllm-endpoint classify` (default) posts to /classify (sequence-classification RMs);
/// `pooling` posts to /pooling and reads the last token's reward (per-token reward models).
/// </summary>
public sealed class VllmBackend : IModelBackend
{
    public const string EndpointKey = "vllm-endpoint";
    public const string LabelKey = "label";

    public string Name => "vllm";
    public string Description => "reward model on a vLLM server: /classify (or --vllm-endpoint pooling), chat form or --remote-template client; replicas via --endpoint";
    public string Usage => "vllm:URL#MODEL";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var (url, model) = RemoteSpec.Parse(argument, Usage, modelRequired: true);
        var remote = RemoteOptions.From(options);
        var route = VllmRoute(options.Extra);
        var label = Label(options.Extra);
        var template = remote.Template == RemoteTemplate.Client
            ? TextEncoderLoader.Load(remote.TokenizerDirectory!, new TextOptions(options.Extra.GetValueOrDefault("chat-template"), options.MaxLength))
            : null;
        var pool = new EndpointPool([.. new[] { url }.Concat(remote.Endpoints).Select(ServerBase)], remote, $"vllm model '{model}'");
        try
        {
            var cards = await pool.PreflightAsync(async (endpoint, ct) =>
            {
                var list = await pool.GetJsonAsync<VllmModelList>(endpoint, "v1/models", ct);
                var ids = (list.Data ?? []).Select(m => m.Id).OfType<string>().ToList();
                return list.Data?.FirstOrDefault(m => m.Id == model)
                    ?? throw new InputException(endpoint.Display, $"serves no model '{model}' (it serves: {(ids.Count == 0 ? "none" : string.Join(", ", ids))})");
            }, cancellationToken);
            var card = cards[0].Result;
            var identity = new RemoteIdentity(Name, model!, pool) { ServerModel = card.Root ?? card.Id };
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["vllm_endpoint"] = route,
                ["template"] = template is null ? "server" : $"client:{template.TemplateName}:{template.TemplateDigest[..16]}",
            };
            if (template is not null) settings["tokenizer_digest"] = template.TokenizerDigest;
            if (label is not null) settings["label"] = label.Value.ToString(CultureInfo.InvariantCulture);
            if (options.MaxLength is { } max) settings["max_length"] = max.ToString(CultureInfo.InvariantCulture);
            var info = identity.ToModelInfo("vllm-" + model, settings);
            return new VllmRewardModel(pool, info, model!, route == "pooling", template, label, options.MaxLength);
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server root: vLLM serves /classify and /pooling at the root and /v1/models under /v1.</summary>
    private static Uri ServerBase(Uri url)
    {
        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase)) path = path[..^3];
        return new UriBuilder(url) { Path = path.Length == 0 ? "/" : path }.Uri;
    }

    private static string VllmRoute(IReadOnlyDictionary<string, string> extra) =>
        extra.TryGetValue(EndpointKey, out var value)
            ? value.ToLowerInvariant() is "classify" or "pooling" ? value.ToLowerInvariant() : throw new InputException("--vllm-endpoint", $"must be classify or pooling (got '{value}')")
            : "classify";

    private static int? Label(IReadOnlyDictionary<string, string> extra) =>
        extra.TryGetValue(LabelKey, out var value)
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : throw new InputException("--label", $"vllm: must be a class index (got '{value}')")
            : null;
}
