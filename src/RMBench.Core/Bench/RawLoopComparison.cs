using System.Diagnostics;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Statistics;

namespace RMBench.Core.Bench;

/// <summary>
/// `rmbench bench --raw-loop`: the harness overhead on the user's own model. The workload's requests are tokenized
/// (untimed), cut into the runner's batches (length-sorted across the workload, --batch-size rows, the token budget
/// and the padding bound the runner would use), then scored twice over identical batches and ids: by the harness's
/// scoring call (<see cref="IPreTokenizingModel.ScoreTokenizedAsync"/>, what `rmbench run` calls per batch, with as many
/// batches in flight as the run would keep: --concurrency or the model's default) and by the
/// model's plain hand-written loop (<see cref="IPlainLoopReference"/>), alternating which goes first per round.
/// The ratio is plain seconds / harness seconds (above 1: the harness is faster), the median over the rounds.
/// </summary>
public static class RawLoopComparison
{
    /// <summary>The model's plain-loop reference; a model without one is refused (exit 3) before the bench starts.</summary>
    public static IPlainLoopReference Reference(IRewardModel model) => model as IPlainLoopReference
        ?? throw new InputException("--raw-loop", $"needs a model with a plain-loop reference (onnx:DIR); '{model.Info.Id}' has none");

    public static async Task<RawLoopResult> RunAsync(IPlainLoopReference reference, BenchWorkload workload, BenchOptions options, CancellationToken cancellationToken)
    {
        var tokenized = workload.Requests.Select(r => reference.Tokenize(r.Planned.Request)).ToArray();
        var shape = reference.PreferredBatchShape;
        var budget = Running.Batcher.TokenBudget(options.BatchTokens, shape);
        var sorted = Enumerable.Range(0, tokenized.Length).Select(i => (Item: i, Length: tokenized[i].Ids.Length))
            .OrderBy(x => x.Length).ThenBy(x => x.Item);
        var batches = Running.Batcher.Cut(sorted, options.BatchSize, budget, options.MaxPadding, shape?.MinRows ?? 1)
            .Select(b => (IReadOnlyList<TokenizedRequest>)b.Select(i => tokenized[i]).ToList()).ToList();
        var concurrency = ModelConcurrency.Of(reference, options.Concurrency);
        var (plain, harness) = (new List<double>(), new List<double>());
        for (var round = 0; round < options.RawLoopRounds; round++)
        {
            if (round % 2 == 0) plain.Add(reference.TimePlainLoop(batches).TotalSeconds);
            var clock = Stopwatch.StartNew();
            await Running.BatchDispatcher.RunAsync(batches, concurrency, reference.ScoreTokenizedAsync, (_, _) => { }, cancellationToken);
            harness.Add(clock.Elapsed.TotalSeconds);
            if (round % 2 == 1) plain.Add(reference.TimePlainLoop(batches).TotalSeconds);
        }
        var real = batches.Sum(b => b.Sum(r => (long)r.Ids.Length));
        var padded = batches.Sum(b => (long)b.Count * b.Max(r => r.Ids.Length));
        return new RawLoopResult
        {
            Batches = batches.Count,
            Requests = tokenized.Length,
            Rounds = options.RawLoopRounds,
            PaddingEfficiency = padded > 0 ? (double)real / padded : null,
            PlainSeconds = Median.Of(plain),
            HarnessSeconds = Median.Of(harness),
            Ratio = Median.Of(plain.Zip(harness, (p, h) => p / h)),
        };
    }
}
