using System.Globalization;
using RMBench.Core.Errors;

namespace RMBench.Core.Models.Baselines;

/// <summary>Baseline: a seeded uniform score per request (a pure function of seed and request content).</summary>
public sealed class RandomBackend : IModelBackend
{
    public string Name => "random";
    public string Description => "baseline: seeded uniform random score per request (random or random:SEED)";
    public string Usage => "random[:SEED]";
    public bool RequiresArgument => false;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var seed = options.Seed;
        if (argument is not null && !int.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
            throw new InputException("--model", $"random:SEED needs an integer seed (got '{argument}')");
        return Task.FromResult<IRewardModel>(new RandomModel(seed));
    }
}

/// <summary>
/// Deterministic despite the name: the score hashes (seed, request hash), so it does not depend on
/// batch order or size, a rerun gives the same numbers, and the score cache is safe. It takes images
/// too (the request hash covers their bytes): a chance reference for the image suites, where the
/// text-only length baseline reports them as unsupported.
/// </summary>
public sealed class RandomModel(int seed) : IRewardModel
{
    public ModelInfo Info { get; } = new()
    {
        Id = "random",
        Backend = "random",
        Digest = "random-v1",
        Capabilities = ModelCapabilities.Text | ModelCapabilities.Images,
        Settings = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture) },
    };

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        Task.FromResult(batch.Select(e => Score(e.Request.Hash)).ToArray());

    private float Score(string requestHash)
    {
        // SplitMix64 finaliser over the seed and the first 16 hex digits of the request hash.
        var x = ulong.Parse(requestHash.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture) ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (float)((x >> 40) / (double)(1UL << 24));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
