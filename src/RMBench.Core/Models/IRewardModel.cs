using RMBench.Core.Requests;

namespace RMBench.Core.Models;

/// <summary>What a model can take as input.</summary>
[Flags]
public enum ModelCapabilities
{
    Text = 1,
    Images = 2,
    ReferenceAnswers = 4,
    /// <summary>Judges comparisons of two responses (<see cref="IPairwiseJudge"/>) instead of scoring one.</summary>
    Comparisons = 8,
}

/// <summary>Identity and settings of a model, recorded in every run and used as the score cache key.</summary>
public sealed record ModelInfo
{
    /// <summary>Display name, also the run folder name (e.g. "length", "random-seed42").</summary>
    public required string Id { get; init; }
    /// <summary>Backend name as in the model SPEC (e.g. "length", "replay", "onnx").</summary>
    public required string Backend { get; init; }
    /// <summary>Digest of the checkpoint or source file; for built-in baselines a version string.</summary>
    public required string Digest { get; init; }
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public ModelCapabilities Capabilities { get; init; } = ModelCapabilities.Text;
    /// <summary>Non-deterministic models are never served from or written to the score cache.</summary>
    public bool Deterministic { get; init; } = true;
    /// <summary>False for models whose scores are already stored elsewhere (replay): caching would only copy them.</summary>
    public bool Cacheable { get; init; } = true;
}

/// <summary>
/// A pointwise reward model: one finite score per request, in order. A wrong count is a hard error
/// (the runner checks); NaN or infinity is recorded as an invalid score, never silently used.
/// </summary>
public interface IRewardModel : IAsyncDisposable
{
    ModelInfo Info { get; }

    Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken);

    /// <summary>Length used to group requests into batches; tokenizing backends return token counts.</summary>
    int MeasureLength(ScoringRequest request) => request.Response.Length + request.Prompt.Length;
}

/// <summary>
/// Optional for models that tokenize: token count and truncation of a request as the model will see it.
/// The runner uses it for batching, the token_count column and the per-suite truncation count.
/// </summary>
public interface ITokenizingModel
{
    TokenMeasure Measure(ScoringRequest request);
}

/// <summary>A request's token ids as a tokenizing model feeds them (special tokens included), optional token type ids, and whether it was cut.</summary>
public sealed record TokenizedRequest(int[] Ids, int[]? TypeIds, bool Truncated);

/// <summary>
/// Optional for tokenizing models whose tokenization can be done ahead of and apart from scoring. The runner then
/// tokenizes a whole suite's missing requests first (on every core), sorts them by exact length across the suite
/// (token ids are kept in a temporary file, not in memory) and scores the ids in batches. <see cref="Tokenize"/>
/// must be thread-safe and keep nothing; <see cref="ScoreTokenizedAsync"/> must give ScoreAsync's scores.
/// </summary>
public interface IPreTokenizingModel : ITokenizingModel
{
    TokenizedRequest Tokenize(ScoringRequest request);

    Task<float[]> ScoreTokenizedAsync(IReadOnlyList<TokenizedRequest> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The batch shape the device runs best at, or null for no preference (the user's limits only). The runner uses
    /// the smaller of its token budget and the user's --batch-tokens; --batch-size stays the row cap.
    /// </summary>
    BatchShape? PreferredBatchShape => null;
}

/// <summary>A device's batch preference: at most <paramref name="Tokens"/> padded tokens (rows x longest row) once a batch has <paramref name="MinRows"/> rows.</summary>
public sealed record BatchShape(int Tokens, int MinRows);

/// <summary>
/// Optional for models with a hand-written reference: `rmbench bench --raw-loop` compares the harness's scoring of the
/// workload's batches with a plain loop (onnx: a fresh <c>InferenceSession</c> with default options and one <c>Run</c>
/// per batch) over the same token ids in the same batches.
/// </summary>
public interface IPlainLoopReference : IPreTokenizingModel
{
    /// <summary>Wall time of the plain loop over the batches (its session is created and warmed up on one batch first, untimed).</summary>
    TimeSpan TimePlainLoop(IReadOnlyList<IReadOnlyList<TokenizedRequest>> batches);
}

/// <param name="Tokens">Tokens the model scores (after truncation).</param>
/// <param name="Truncated">Whether the request was cut to fit the model's maximum length.</param>
public readonly record struct TokenMeasure(int Tokens, bool Truncated);

/// <summary>A request plus every place it came from (replay looks scores up by origin).</summary>
public sealed record ScoringBatchEntry(ScoringRequest Request, IReadOnlyList<RequestOrigin> Origins);
