using RMBench.Core.Models;

namespace RMBench.Core.Bench;

/// <summary>Scores one batch of bench requests and checks the count, as the runner does.</summary>
internal static class ModelScoring
{
    public static async Task ScoreAsync(IRewardModel model, IReadOnlyList<BenchRequest> batch, CancellationToken cancellationToken)
    {
        var scores = await model.ScoreAsync(batch.Select(r => r.Entry).ToList(), cancellationToken);
        if (scores.Length != batch.Count)
            throw new InvalidOperationException($"model {model.Info.Id} returned {scores.Length} scores for a batch of {batch.Count}");
    }

    public static long? Tokens(IEnumerable<BenchRequest> requests)
    {
        long total = 0;
        foreach (var r in requests)
        {
            if (r.Tokens is not { } t) return null;
            total += t;
        }
        return total;
    }
}

/// <summary>What a scenario measured (warmup excluded).</summary>
/// <param name="Requests">Scored requests in the measured part.</param>
/// <param name="Tokens">Their tokens; null when the model does not tokenize.</param>
/// <param name="Latency">Per-request latencies; null for offline.</param>
/// <param name="Unserved">Server: requests still queued when the trial gave up (counted in the histogram with their wait so far).</param>
public sealed record ScenarioMeasurement(long Requests, double Seconds, long? Tokens, LatencyHistogram? Latency, long Unserved = 0);
