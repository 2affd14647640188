using System.Globalization;
using System.Net;
using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Remote.Http;

namespace RMBench.Remote.Judge;

/// <summary>
/// `judge:BASE_URL#MODEL`: an LLM judge behind an OpenAI-compatible chat completions API, on the shared
/// <see cref="EndpointPool"/> (retries, circuit breakers, `--endpoint` replicas, `--timeout`, `--header`). The key
/// comes from `--api-key-env NAME`, else from OPENAI_API_KEY when that is set (local servers need none); it is sent
/// as a Bearer token and never recorded. Pre-flight: GET BASE_URL/models on every endpoint.
/// </summary>
public sealed class JudgeBackend : IModelBackend
{
    public const string BackendName = "judge";
    public const string DefaultApiKeyEnv = "OPENAI_API_KEY";
    /// <summary>Judges write text (reasoning judges a lot of it): a longer default than the scoring backends' 60 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public string Name => BackendName;
    public string Description => "generative judge over an OpenAI-compatible chat API (vLLM, TGI, llama.cpp, Ollama, hosted): pairwise presets or ratings; replicas via --endpoint";
    public string Usage => "judge:BASE_URL#MODEL (e.g. judge:http://localhost:8000/v1#Qwen/Qwen3-8B)";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var (baseUrl, model) = ParseArgument(argument ?? "");
        var settings = JudgeSettings.From(options);
        var (remote, keySource) = Transport(options);
        var pool = new EndpointPool([baseUrl, .. remote.Endpoints], remote, $"judge model '{model}'");
        try
        {
            var lists = await pool.PreflightAsync((endpoint, ct) => ModelListAsync(pool, endpoint, keySource, ct), cancellationToken);
            var card = WarnUnlisted(model, lists);
            var identity = new RemoteIdentity(BackendName, model, pool) { ServerModel = card?.Root };
            var info = identity.ToModelInfo($"{model}-{settings.Preset.Name}", Recorded(settings));
            return settings.Preset.Mode == JudgeMode.Pairwise
                ? new PairwiseJudgeModel(model, pool, info, settings)
                : new RatingJudgeModel(model, pool, info, settings);
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }

    public static (Uri BaseUrl, string Model) ParseArgument(string argument)
    {
        var hash = argument.LastIndexOf('#');
        if (hash <= 0 || hash == argument.Length - 1)
            throw new InputException("--model", $"judge SPEC must be judge:BASE_URL#MODEL (got 'judge:{argument}')");
        var url = argument[..hash];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InputException("--model", $"judge BASE_URL must be an http:// or https:// URL such as http://localhost:8000/v1 (got '{RemoteEndpoint.Describe(url)}')");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InputException("--model", "judge BASE_URL must not carry credentials; use --api-key-env NAME");
        return (uri, argument[(hash + 1)..]);
    }

    /// <summary>
    /// The shared remote options with the judge's defaults: a 120 s timeout, and OPENAI_API_KEY as the Bearer key when
    /// neither --api-key-env nor an Authorization --header is given. Also says where the key came from (for a 401's message).
    /// </summary>
    internal static (RemoteOptions Options, string? KeySource) Transport(ModelOptions options)
    {
        var remote = RemoteOptions.From(options);
        if (!options.Extra.ContainsKey(RemoteOptions.Keys.Timeout)) remote = remote with { Timeout = DefaultTimeout };
        if (options.Extra.TryGetValue(RemoteOptions.Keys.ApiKeyEnv, out var named)) return (remote, $"the key in ${named}");
        if (remote.Headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))) return (remote, "the Authorization --header");
        if (Environment.GetEnvironmentVariable(DefaultApiKeyEnv) is { } key && !string.IsNullOrWhiteSpace(key))
            return (remote with { Headers = [.. remote.Headers, new("Authorization", "Bearer " + key.Trim())] }, $"the key in ${DefaultApiKeyEnv}");
        return (remote, null);
    }

    /// <summary>What run.json records besides endpoints and model (RemoteIdentity adds those); all of it is in the cache key.</summary>
    private static Dictionary<string, string> Recorded(JudgeSettings settings)
    {
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["preset"] = settings.Preset.Name,
            ["preset_digest"] = settings.Preset.Digest,
            ["temperature"] = "0",
            ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["max_tokens"] = settings.MaxTokens.ToString(CultureInfo.InvariantCulture),
            ["followups"] = settings.FollowUps.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Preset.Mode == JudgeMode.Pairwise) recorded["orders"] = settings.Orders == JudgeOrders.Both ? "both" : "one";
        if (settings.Logprobs) recorded["logprobs"] = "true";
        return recorded;
    }

    /// <summary>
    /// GET BASE_URL/models. A refused key (401/403), a missing route (404/405: BASE_URL is likely not the API root) and an
    /// answer that is not a model list are input errors naming the endpoint (exit 3); 429/5xx and connection errors are
    /// tried again by the pre-flight.
    /// </summary>
    private static async Task<ModelList> ModelListAsync(EndpointPool pool, RemoteEndpoint endpoint, string? keySource, CancellationToken cancellationToken)
    {
        using var request = pool.CreateRequest(HttpMethod.Get, endpoint, "models");
        var path = request.RequestUri!.AbsolutePath;
        HttpResponseMessage response;
        try
        {
            response = await pool.SendAsync(request, endpoint, cancellationToken);
        }
        catch (RemoteRejectedException e) when (e.HttpStatus is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var hint = keySource is null
                ? $"no API key was sent: set {DefaultApiKeyEnv}, or name the variable that holds the key with --api-key-env NAME"
                : $"{keySource} was refused: check it, or name another variable with --api-key-env NAME";
            throw new InputException(endpoint.Display, $"{e.Status} on GET {path}: {e.ServerMessage} ({hint})");
        }
        catch (RemoteRejectedException e) when (e.HttpStatus is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            throw new InputException(endpoint.Display, $"{e.Status} on GET {path}: is BASE_URL the OpenAI API root (e.g. http://host:8000/v1)?");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                return JsonSerializer.Deserialize<ModelList>(text, Web) ?? throw new JsonException("null");
            }
            catch (JsonException)
            {
                throw new InputException(endpoint.Display,
                    $"GET {path} did not answer an OpenAI-compatible model list (JSON with data[].id): {pool.Redact(ChatClient.Start(text))}; is BASE_URL the OpenAI API root (e.g. http://host:8000/v1)?");
            }
        }
    }

    /// <summary>The model's card on the first endpoint; a warning when an endpoint lists models but not this one (servers may alias names, so it is not an error).</summary>
    private static ModelCard? WarnUnlisted(string model, IReadOnlyList<(RemoteEndpoint Endpoint, ModelList Result)> lists)
    {
        foreach (var (endpoint, list) in lists)
        {
            var ids = (list.Data ?? []).Select(m => m.Id).OfType<string>().ToList();
            if (ids.Count > 0 && !ids.Contains(model, StringComparer.Ordinal))
                Console.Error.WriteLine($"warning: judge server {endpoint.Display} does not list model '{model}' (it lists: {string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? ", ..." : "")})");
        }
        return lists.Count > 0 ? lists[0].Result.Data?.FirstOrDefault(m => m.Id == model) : null;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record ModelList(List<ModelCard>? Data);

    /// <param name="Root">vLLM: the weights the name serves (recorded as server_model).</param>
    private sealed record ModelCard(string? Id, string? Root);
}
