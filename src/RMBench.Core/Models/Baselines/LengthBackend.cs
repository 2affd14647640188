using RMBench.Core.Errors;

namespace RMBench.Core.Models.Baselines;

/// <summary>
/// Baseline: score = response length in characters (Unicode code points). The reference point for
/// length bias: a reward model that does no better than this has learned length, not quality.
/// </summary>
public sealed class LengthBackend : IModelBackend
{
    public string Name => "length";
    public string Description => "baseline: score = response length in characters";
    public string Usage => "length";
    public bool RequiresArgument => false;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (argument is not null) throw new InputException("--model", $"model 'length' takes no argument (got '{argument}')");
        return Task.FromResult<IRewardModel>(new LengthModel());
    }
}

public sealed class LengthModel : IRewardModel
{
    public ModelInfo Info { get; } = new() { Id = "length", Backend = "length", Digest = "length-v1" };

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        Task.FromResult(batch.Select(e => (float)CountCodePoints(e.Request.Response)).ToArray());

    public static int CountCodePoints(string text) => text.EnumerateRunes().Count();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
