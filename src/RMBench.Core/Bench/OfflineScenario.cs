using System.Diagnostics;
using RMBench.Core.Models;
using RMBench.Core.Statistics;

namespace RMBench.Core.Bench;

/// <summary>
/// Offline: every request is available at once. The workload is cut into length-sorted batches (the
/// runner's batcher and limits) and scored back to back until the duration has passed (at least one
/// batch). Batches go in a seeded shuffled order so that a time-bounded part of a pass has the
/// workload's length mix rather than only its shortest requests; the order cycles when one pass is
/// shorter than the duration. A tokenizing model scores a request's first pass from the encoding made when
/// the workload was measured and tokenizes again inside later passes (see the card's stage times).
/// </summary>
public static class OfflineScenario
{
    public static async Task<ScenarioMeasurement> RunAsync(IRewardModel model, BenchWorkload workload, BenchOptions options, CancellationToken cancellationToken)
    {
        var batches = workload.SortedBatches(options.BatchSize, options.BatchTokens);
        var order = ShuffledOrder(batches.Count, options.Seed);
        var next = 0L;
        IReadOnlyList<BenchRequest> Next() => batches[order[(int)(next++ % order.Length)]];

        var concurrency = options.ConcurrencyFor(model);
        var gate = new object();

        var warmup = Stopwatch.StartNew();
        await InFlightAsync(concurrency, () => warmup.Elapsed.TotalSeconds < options.WarmupSeconds, () => { lock (gate) return Next(); }, model, _ => { }, cancellationToken);

        var clock = Stopwatch.StartNew();
        var (requests, tokens) = (0L, (long?)0);
        var first = true;
        await InFlightAsync(concurrency, () => { lock (gate) { var go = first || clock.Elapsed.TotalSeconds < options.DurationSeconds; first = false; return go; } },
            () => { lock (gate) return Next(); }, model, batch =>
            {
                lock (gate)
                {
                    requests += batch.Count;
                    tokens += ModelScoring.Tokens(batch);
                }
            }, cancellationToken);
        return new ScenarioMeasurement(requests, clock.Elapsed.TotalSeconds, tokens, null);
    }

    /// <summary>
    /// Keeps <paramref name="concurrency"/> callers scoring batch after batch while <paramref name="more"/> says so
    /// (one caller is the sequential loop of in-process models).
    /// </summary>
    private static Task InFlightAsync(int concurrency, Func<bool> more, Func<IReadOnlyList<BenchRequest>> next, IRewardModel model,
        Action<IReadOnlyList<BenchRequest>> done, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (more())
            {
                var batch = next();
                await ModelScoring.ScoreAsync(model, batch, cancellationToken);
                done(batch);
            }
        }));

    /// <summary>Fisher-Yates over 0..count-1 with the in-repo generator.</summary>
    public static int[] ShuffledOrder(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Pcg32(seed, stream: 11);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
