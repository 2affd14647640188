using System.Diagnostics;
using RMBench.Core.Models;

namespace RMBench.Core.Bench;

/// <summary>
/// Server: open-loop Poisson arrivals at a fixed rate (<see cref="PoissonSchedule"/>), served by a
/// dynamic batcher. Whenever the model is free it takes every request that has arrived by then, in
/// arrival order, up to the batch size and token budget; when none is waiting it sleeps until the next
/// arrival. A request's latency runs from its scheduled arrival to the end of the call that scored it, so
/// time spent queued behind a slow batch counts (no coordinated omission: a slow model does not slow the
/// arrivals). Requests that arrive during the warmup are served but not counted; at a rate too low for
/// the duration the schedule runs on to its first arrival after the warmup, so one request is always measured. An overloaded trial
/// gives up when the schedule is <see cref="GiveUpAfter"/> past its end; the requests still queued then
/// are counted with their wait so far, a lower bound that already fails any bound below it.
/// </summary>
public static class ServerScenario
{
    public static TimeSpan GiveUpAfter(BenchOptions options) => TimeSpan.FromMilliseconds(Math.Max(1000, 10 * options.LatencyBoundMs));

    public static async Task<ScenarioMeasurement> RunAsync(IRewardModel model, BenchWorkload workload, double qps, BenchOptions options,
        CancellationToken cancellationToken)
    {
        var end = options.WarmupSeconds + options.DurationSeconds;
        var arrivals = PoissonSchedule.Arrivals(qps, end, options.Seed, atLeastOneFrom: options.WarmupSeconds);
        var measuredSeconds = Math.Max(options.DurationSeconds, arrivals[^1] - options.WarmupSeconds);
        var giveUp = options.WarmupSeconds + measuredSeconds + GiveUpAfter(options).TotalSeconds;
        var latency = new LatencyHistogram();
        var (requests, tokens, unserved) = (0L, (long?)0, 0L);
        var clock = Stopwatch.StartNew();
        var next = 0;
        while (next < arrivals.Count)
        {
            await WaitUntilAsync(clock, arrivals[next], cancellationToken);
            var now = clock.Elapsed.TotalSeconds;
            if (now > giveUp)
            {
                for (; next < arrivals.Count; next++)
                    if (arrivals[next] >= options.WarmupSeconds) { latency.Record(TimeSpan.FromSeconds(now - arrivals[next])); unserved++; }
                break;
            }
            var first = next;
            var batch = TakeArrived(workload, arrivals, ref next, now, options);
            await ModelScoring.ScoreAsync(model, batch, cancellationToken);
            var done = clock.Elapsed.TotalSeconds;
            for (var i = 0; i < batch.Count; i++)
            {
                var arrival = arrivals[first + i];
                if (arrival < options.WarmupSeconds) continue;
                latency.Record(TimeSpan.FromSeconds(done - arrival));
                requests++;
                tokens += batch[i].Tokens;
            }
        }
        return new ScenarioMeasurement(requests, measuredSeconds, tokens, latency, unserved);
    }

    /// <summary>The requests that have arrived by <paramref name="now"/>, oldest first, within the batch size and token budget (rows x longest row).</summary>
    private static List<BenchRequest> TakeArrived(BenchWorkload workload, IReadOnlyList<double> arrivals, ref int next, double now, BenchOptions options)
    {
        var batch = new List<BenchRequest>();
        var longest = 0;
        while (next < arrivals.Count && arrivals[next] <= now && batch.Count < options.BatchSize)
        {
            var request = workload.Cycle(next);
            var width = Math.Max(longest, request.Length);
            if (batch.Count > 0 && (long)(batch.Count + 1) * width > options.BatchTokens) break;
            batch.Add(request);
            longest = width;
            next++;
        }
        return batch;
    }

    /// <summary>Sleeps to about a millisecond before the time, then yields until it (timer sleeps overshoot by up to a tick).</summary>
    private static async Task WaitUntilAsync(Stopwatch clock, double seconds, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = seconds - clock.Elapsed.TotalSeconds;
            if (wait <= 0) return;
            if (wait > 0.002) await Task.Delay(TimeSpan.FromSeconds(wait - 0.001), cancellationToken);
            else await Task.Yield();
        }
    }
}
