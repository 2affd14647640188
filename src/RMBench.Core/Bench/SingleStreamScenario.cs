using System.Diagnostics;
using RMBench.Core.Models;

namespace RMBench.Core.Bench;

/// <summary>
/// Single-stream: one request at a time, the next issued when the previous one finished (a single caller
/// waiting on each score). Latency is each call's own time; requests started during the warmup are not
/// counted, and the scenario runs until the duration has passed with at least one measured request.
/// </summary>
public static class SingleStreamScenario
{
    public static async Task<ScenarioMeasurement> RunAsync(IRewardModel model, BenchWorkload workload, BenchOptions options, CancellationToken cancellationToken)
    {
        var latency = new LatencyHistogram();
        var clock = Stopwatch.StartNew();
        var (requests, tokens) = (0L, (long?)0);
        TimeSpan? measuredFrom = null;
        for (var i = 0L; ; i++)
        {
            var start = clock.Elapsed;
            if (requests > 0 && start.TotalSeconds >= options.WarmupSeconds + options.DurationSeconds) break;
            var request = workload.Cycle(i);
            await ModelScoring.ScoreAsync(model, [request], cancellationToken);
            var end = clock.Elapsed;
            if (start.TotalSeconds < options.WarmupSeconds) continue;
            measuredFrom ??= start;
            latency.Record(end - start);
            requests++;
            tokens += request.Tokens;
        }
        return new ScenarioMeasurement(requests, (clock.Elapsed - measuredFrom!.Value).TotalSeconds, tokens, latency);
    }
}
