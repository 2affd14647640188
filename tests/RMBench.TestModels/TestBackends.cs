using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;

namespace RMBench.TestModels;

/// <summary>`test-slow:MS`: the length baseline, sleeping MS milliseconds per batch (for kill-and-resume tests).</summary>
public sealed class SlowBackend : IModelBackend
{
    public string Name => "test-slow";
    public string Description => "test only: length scores after a delay of MS per batch";
    public string Usage => "test-slow:MS";
    public bool RequiresArgument => true;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<IRewardModel>(new SlowModel(int.Parse(argument!, CultureInfo.InvariantCulture)));

    private sealed class SlowModel(int delayMs) : IRewardModel
    {
        private readonly LengthModel _length = new();
        public ModelInfo Info { get; } = new() { Id = "test-slow", Backend = "test-slow", Digest = "test-slow-v1" };

        public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            await Task.Delay(delayMs, cancellationToken);
            return await _length.ScoreAsync(batch, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>`test-faulty:MODE`: returns NaN for responses containing "NaN-me" (MODE nan) or one score too few (MODE short).</summary>
public sealed class FaultyBackend : IModelBackend
{
    public string Name => "test-faulty";
    public string Description => "test only: invalid scores (nan) or a wrong score count (short)";
    public string Usage => "test-faulty:nan|short";
    public bool RequiresArgument => true;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<IRewardModel>(new FaultyModel(argument!));

    private sealed class FaultyModel(string mode) : IRewardModel
    {
        public ModelInfo Info { get; } = new() { Id = "test-faulty", Backend = "test-faulty", Digest = "test-faulty-" + mode, Deterministic = false };

        public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            var scores = batch.Select(e => e.Request.Response.Contains("NaN-me", StringComparison.Ordinal) ? float.NaN : e.Request.Response.Length).ToArray();
            return Task.FromResult(mode == "short" ? scores[..^1] : scores);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
