using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Core.Running;

namespace RMBench.Remote.Judge;

/// <summary>What both judge models share: identity, the engine, token reports, the journal hook.</summary>
public abstract class JudgeModel : IRewardModel, IConcurrentModel, IReportedTokenCounts, IJudgingModel
{
    private readonly IChatTransport _transport;

    private protected JudgeModel(string model, IChatTransport transport, JudgeSettings settings, ModelCapabilities capabilities)
    {
        _transport = transport;
        Settings = settings;
        Engine = new JudgeEngine(new ChatClient(transport, model, settings), settings);
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["endpoint"] = transport.Endpoint,
            ["model"] = model,
            ["preset"] = settings.Preset.Name,
            ["preset_digest"] = settings.Preset.Digest,
            ["temperature"] = "0",
            ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["max_tokens"] = settings.MaxTokens.ToString(CultureInfo.InvariantCulture),
            ["followups"] = settings.FollowUps.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Preset.Mode == JudgeMode.Pairwise) recorded["orders"] = settings.Orders == JudgeOrders.Both ? "both" : "one";
        if (settings.Logprobs) recorded["logprobs"] = "true";
        Info = new ModelInfo
        {
            Id = $"{model}-{settings.Preset.Name}",
            Backend = JudgeBackend.BackendName,
            // A server can swap the weights behind a name: only a pinned digest makes judgments cacheable.
            Digest = settings.Digest ?? "unpinned",
            Settings = recorded,
            Capabilities = capabilities,
            Cacheable = settings.Digest is not null,
        };
    }

    public ModelInfo Info { get; }
    public JudgeSettings Settings { get; }
    internal JudgeEngine Engine { get; }

    /// <summary>Batches in flight; each batch's judgments are asked concurrently too.</summary>
    public int DefaultConcurrency => 2;

    public (double Prompt, double Completion)? PricePerMillionTokens => Settings.PricePerMillionTokens;

    public void Attach(IJudgmentJournal journal) => Engine.Attach(journal);

    public bool TryGetTokens(ScoringRequest request, out int tokens) => Engine.TryTakeTokens(request.Hash, out tokens);

    public abstract Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken);

    public ValueTask DisposeAsync()
    {
        _transport.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private protected static JudgeVariables Conversation(string? system, IReadOnlyList<Turn> turns) =>
        new(turns.Count > 0 ? turns[^1].Content : "", system, turns);
}

/// <summary>A pairwise preset: judges comparisons (both orders by default); pointwise requests are not its input.</summary>
public sealed class PairwiseJudgeModel : JudgeModel, IPairwiseJudge
{
    internal PairwiseJudgeModel(string model, IChatTransport transport, JudgeSettings settings)
        : base(model, transport, settings, ModelCapabilities.Comparisons) { }

    public JudgeOrders Orders => Settings.Orders;
    public int OrderSeed => Settings.Seed;

    public async Task<float[]> JudgeAsync(IReadOnlyList<ComparisonEntry> batch, CancellationToken cancellationToken) =>
        await Task.WhenAll(batch.Select(e => Engine.JudgeAsync(e.RequestHash,
            Conversation(e.Comparison.System, e.Comparison.Turns) with { ResponseA = e.Comparison.First, ResponseB = e.Comparison.Second },
            e.Origins[0], e.Order, cancellationToken)));

    /// <summary>Never called by the runner (it sends comparisons); `bench` cannot time a pairwise judge on single responses.</summary>
    public override Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        throw new InputException("--model", $"'{Info.Id}' is a pairwise judge: it compares two responses and cannot score one (use --judge-preset rating)");
}

/// <summary>The rating preset: a pointwise reward model whose score is the judge's rating (or its log-prob expected value).</summary>
public sealed class RatingJudgeModel : JudgeModel
{
    internal RatingJudgeModel(string model, IChatTransport transport, JudgeSettings settings)
        : base(model, transport, settings, ModelCapabilities.Text | ModelCapabilities.ReferenceAnswers) { }

    public override async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        await Task.WhenAll(batch.Select(e => Engine.JudgeAsync(e.Request.Hash,
            Conversation(e.Request.System, e.Request.Turns) with { Response = e.Request.Response, Reference = e.Request.Reference },
            e.Origins.Count > 0 ? e.Origins[0] : new RequestOrigin("", "", ""), "", cancellationToken)));
}

/// <summary>`judge:BASE_URL#MODEL`: an LLM judge behind an OpenAI-compatible chat completions API.</summary>
public sealed class JudgeBackend : IModelBackend
{
    public const string BackendName = "judge";

    public string Name => BackendName;
    public string Description => "generative judge over an OpenAI-compatible chat API (vLLM, TGI, llama.cpp, Ollama, hosted): pairwise presets or ratings";
    public string Usage => "judge:BASE_URL#MODEL (e.g. judge:http://localhost:8000/v1#Qwen/Qwen3-8B)";
    public bool RequiresArgument => true;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var (baseUrl, model) = ParseArgument(argument ?? "");
        var settings = JudgeSettings.From(options);
        var transport = new HttpChatTransport(baseUrl, settings.ApiKey, settings.Timeout);
        IRewardModel created = settings.Preset.Mode == JudgeMode.Pairwise
            ? new PairwiseJudgeModel(model, transport, settings)
            : new RatingJudgeModel(model, transport, settings);
        return Task.FromResult(created);
    }

    public static (Uri BaseUrl, string Model) ParseArgument(string argument)
    {
        var hash = argument.LastIndexOf('#');
        if (hash <= 0 || hash == argument.Length - 1)
            throw new InputException("--model", $"judge SPEC must be judge:BASE_URL#MODEL (got 'judge:{argument}')");
        var url = argument[..hash];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InputException("--model", $"judge BASE_URL must be an http:// or https:// URL such as http://localhost:8000/v1 (got '{url}')");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InputException("--model", "judge BASE_URL must not carry credentials; use --api-key-env NAME");
        return (uri, argument[(hash + 1)..]);
    }
}
