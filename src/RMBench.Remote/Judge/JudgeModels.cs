using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Core.Running;
using RMBench.Remote.Http;

namespace RMBench.Remote.Judge;

/// <summary>What both judge models share: identity, the engine over the endpoint pool, token reports, the journal hook.</summary>
public abstract class JudgeModel : IRewardModel, IConcurrentModel, IReportedTokenCounts, IJudgingModel
{
    private readonly EndpointPool _pool;

    private protected JudgeModel(string model, EndpointPool pool, ModelInfo info, JudgeSettings settings)
    {
        _pool = pool;
        Settings = settings;
        Info = info;
        Engine = new JudgeEngine(new ChatClient(pool, model, settings), settings);
    }

    public ModelInfo Info { get; }
    public JudgeSettings Settings { get; }
    internal JudgeEngine Engine { get; }

    /// <summary>Batches in flight (2 per endpoint); each batch's judgments are asked concurrently too.</summary>
    public int DefaultConcurrency => 2 * _pool.Endpoints.Count;

    public (double Prompt, double Completion)? PricePerMillionTokens => Settings.PricePerMillionTokens;

    public void Attach(IJudgmentJournal journal) => Engine.Attach(journal);

    public bool TryGetTokens(ScoringRequest request, out int tokens) => Engine.TryTakeTokens(request.Hash, out tokens);

    public abstract Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private protected static JudgeVariables Conversation(string? system, IReadOnlyList<Turn> turns) =>
        new(turns.Count > 0 ? turns[^1].Content : "", system, turns);
}

/// <summary>A pairwise preset: judges comparisons (both orders by default); pointwise requests are not its input.</summary>
public sealed class PairwiseJudgeModel : JudgeModel, IPairwiseJudge
{
    internal PairwiseJudgeModel(string model, EndpointPool pool, ModelInfo info, JudgeSettings settings)
        : base(model, pool, info with { Capabilities = ModelCapabilities.Comparisons }, settings) { }

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
    internal RatingJudgeModel(string model, EndpointPool pool, ModelInfo info, JudgeSettings settings)
        : base(model, pool, info with { Capabilities = ModelCapabilities.Text | ModelCapabilities.ReferenceAnswers }, settings) { }

    public override async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        await Task.WhenAll(batch.Select(e => Engine.JudgeAsync(e.Request.Hash,
            Conversation(e.Request.System, e.Request.Turns) with { Response = e.Request.Response, Reference = e.Request.Reference },
            e.Origins.Count > 0 ? e.Origins[0] : new RequestOrigin("", "", ""), "", cancellationToken)));
}
