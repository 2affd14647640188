using System.Runtime.CompilerServices;
using RMBench.Core.Metrics;
using RMBench.Core.Models;
using RMBench.Core.Plugins;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>
/// How the runner serves generative judges, kept out of its batch loop. For a comparative judge
/// (<see cref="IPairwiseJudge"/>) each item of a comparative kind (<see cref="IComparativeKind"/>) is
/// rewritten, as its chunk is read, into one request per comparison and order (a <see cref="Comparison"/>
/// carried as a <see cref="ScoringRequest"/>, role "NAME|chosen-first" or "NAME|rejected-first"), so the
/// journal, cache, deduplication and concurrent batches apply unchanged; the item is then judged from the
/// un-swapped votes by its kind and given the judge Extras (<see cref="JudgeExtras"/>) that the judge
/// metrics, added to every judged suite, read. Items of other kinds keep their pointwise requests, which
/// such a judge does not take: they are counted unsupported (<see cref="SuiteSupport"/>).
/// Any <see cref="IJudgingModel"/> (pairwise or rating) gets the run folder's judgment journal, and the
/// finished run its judgments.parquet and per-suite token usage.
/// </summary>
public sealed class ComparisonScoring : IDisposable
{
    /// <summary>Attribute of a rewritten item (the value is unused).</summary>
    public const string Marker = "rmbench:comparisons";
    public const string ChosenFirst = "chosen-first";
    public const string RejectedFirst = "rejected-first";

    /// <summary>Metrics every suite judged by a pairwise judge gets.</summary>
    public static readonly IReadOnlyList<string> JudgeMetrics = ["position_consistency", "first_position_win_rate", "judge_unparsed"];

    private readonly JudgmentLog? _log;
    private readonly IJudgingModel? _judging;

    private ComparisonScoring(IRewardModel model, IReadOnlyList<LoadedSuite> suites, JudgmentLog? log, IJudgingModel? judging)
    {
        (Model, Suites, _log, _judging) = (model, suites, log, judging);
    }

    /// <summary>The model the runner drives (a comparative judge is adapted to the pointwise contract).</summary>
    public IRewardModel Model { get; }

    /// <summary>The suites the runner reads (for a comparative judge: rewritten items, judge metrics added).</summary>
    public IReadOnlyList<LoadedSuite> Suites { get; }

    /// <summary>Pass-through for ordinary models; see the class summary for judges.</summary>
    public static async Task<ComparisonScoring> BeginAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, Registry<ISuiteKind> kinds,
        string runDirectory, CancellationToken cancellationToken)
    {
        JudgmentLog? log = null;
        if (model is IJudgingModel judging)
        {
            log = JudgmentLog.Open(Path.Combine(runDirectory, JudgmentLog.FileName));
            judging.Attach(log);
        }
        if (model is not IPairwiseJudge judge) return new(model, suites, log, model as IJudgingModel);
        var rewritten = new List<LoadedSuite>();
        foreach (var s in suites)
            rewritten.Add(s with
            {
                Items = await ComparisonItems.CountAsync(s.Items, kinds, judge, s.Manifest.ManifestPath, cancellationToken),
                Manifest = s.Manifest with { Metrics = [.. s.Manifest.Metrics, .. JudgeMetrics.Where(m => !s.Manifest.Metrics.Contains(m))] },
            });
        return new(new JudgeAdapter(model, judge), rewritten, log, model as IJudgingModel);
    }

    /// <summary>Judges an item: a rewritten one from its comparisons' votes, any other by its kind's <see cref="ISuiteKind.Judge"/>.</summary>
    public static ItemOutcome Judge(ISuiteKind kind, SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        if (!item.Attributes.ContainsKey(Marker) || kind is not IComparativeKind comparative) return kind.Judge(item, scores, options);
        var votes = Votes(item, scores);
        var outcome = comparative.JudgeComparisons(item, votes, options);
        var extras = new Dictionary<string, double>(outcome.Extras, StringComparer.Ordinal);
        foreach (var (key, value) in Counts(votes)) extras[key] = value;
        return outcome with { Extras = extras };
    }

    /// <summary>Per-comparison votes from a rewritten item's verdicts (first-position side), un-swapped to the chosen side.</summary>
    public static IReadOnlyList<ComparisonVotes> Votes(SuiteItem item, IReadOnlyList<float> scores)
    {
        var votes = new List<ComparisonVotes>();
        for (var i = 0; i < item.Requests.Count; i++)
        {
            var (name, order) = SplitRole(item.Requests[i].Role);
            var index = votes.FindIndex(v => v.Name == name);
            if (index < 0)
            {
                votes.Add(new ComparisonVotes(name, null, null));
                index = votes.Count - 1;
            }
            votes[index] = order == ChosenFirst ? votes[index] with { ChosenFirst = scores[i] } : votes[index] with { RejectedFirst = -scores[i] };
        }
        return votes;
    }

    /// <summary>The <see cref="JudgeExtras"/> counts over an item's comparisons.</summary>
    public static IEnumerable<(string Key, double Value)> Counts(IReadOnlyList<ComparisonVotes> votes)
    {
        // First-position side of each verdict: chosen-first as given, rejected-first swapped back.
        var verdicts = votes.SelectMany(v => new[] { v.ChosenFirst, -v.RejectedFirst }).Where(v => v is not null).Select(v => v!.Value).ToList();
        var read = verdicts.Where(v => !double.IsNaN(v)).ToList();
        var both = votes.Where(v => v.ChosenFirst is { } a && v.RejectedFirst is { } b && !double.IsNaN(a) && !double.IsNaN(b)).ToList();
        yield return (JudgeExtras.Verdicts, verdicts.Count);
        yield return (JudgeExtras.Unparsed, verdicts.Count - read.Count);
        yield return (JudgeExtras.Decisive, read.Count(v => v != 0));
        yield return (JudgeExtras.FirstWins, read.Count(v => v > 0));
        yield return (JudgeExtras.BothOrders, both.Count);
        yield return (JudgeExtras.Consistent, both.Count(v => Math.Sign(v.ChosenFirst!.Value) == Math.Sign(v.RejectedFirst!.Value)));
    }

    /// <summary>Adds each suite's judge usage and writes judgments.parquet (for generative judges; otherwise unchanged).</summary>
    public async Task<IReadOnlyList<SuiteResult>> FinishAsync(IReadOnlyList<SuiteResult> results, string runDirectory, CancellationToken cancellationToken)
    {
        if (_log is null) return results;
        await _log.WriteParquetAsync(Path.Combine(runDirectory, JudgmentLog.ParquetFile), cancellationToken);
        var usage = _log.UsageBySuite(_judging?.PricePerMillionTokens);
        return [.. results.Select(r => usage.TryGetValue(r.Name, out var u) ? r with { Judge = u } : r)];
    }

    public void Dispose() => _log?.Dispose();

    internal static (string Name, string Order) SplitRole(string role)
    {
        var bar = role.LastIndexOf('|');
        return (role[..bar], role[(bar + 1)..]);
    }

    /// <summary>The comparisons of an item as requests: both orders, or one picked from the seed and the comparison.</summary>
    internal static SuiteItem Rewrite(SuiteItem item, IComparativeKind kind, IPairwiseJudge judge)
    {
        var requests = new List<ItemRequest>();
        foreach (var comparison in kind.Comparisons(item))
        {
            var (chosen, rejected) = (item.Requests[comparison.Chosen].Request, item.Requests[comparison.Rejected].Request);
            var chosenFirst = new Comparison(chosen.System, chosen.Turns, chosen.Response, rejected.Response);
            var rejectedFirst = chosenFirst with { First = rejected.Response, Second = chosen.Response };
            var pickChosenFirst = judge.Orders == JudgeOrders.Both || OneOrderIsChosenFirst(judge.OrderSeed, chosen, rejected);
            var pickRejectedFirst = judge.Orders == JudgeOrders.Both || !pickChosenFirst;
            if (pickChosenFirst) requests.Add(new ItemRequest($"{comparison.Name}|{ChosenFirst}", chosenFirst.ToRequest()));
            if (pickRejectedFirst) requests.Add(new ItemRequest($"{comparison.Name}|{RejectedFirst}", rejectedFirst.ToRequest()));
        }
        var attributes = new Dictionary<string, string>(item.Attributes, StringComparer.Ordinal) { [Marker] = "1" };
        return item with { Requests = requests, Attributes = attributes };
    }

    /// <summary>--judge-orders one: a fair coin from the seed and the two responses (the same comparison always gets the same order).</summary>
    private static bool OneOrderIsChosenFirst(int seed, ScoringRequest chosen, ScoringRequest rejected)
    {
        var hash = IO.Sha256.Hex($"{seed}\n{chosen.Hash}\n{rejected.Hash}");
        return Convert.ToInt32(hash[..2], 16) % 2 == 0;
    }

    /// <summary>A suite's items with those of comparative kinds rewritten into comparisons.</summary>
    private sealed class ComparisonItems(SuiteItems inner, Registry<ISuiteKind> kinds, IPairwiseJudge judge, string manifestPath, long requests) : SuiteItems
    {
        /// <summary>
        /// Reads the items once to count the requests the judge is sent (comparisons x orders: a style-matrix item's 9
        /// cells are 18 requests, not its 6 responses), so that progress totals what is asked. Items of other kinds count
        /// nothing: their pointwise requests are not a comparative judge's input (unsupported, never sent).
        /// </summary>
        public static async Task<ComparisonItems> CountAsync(SuiteItems inner, Registry<ISuiteKind> kinds, IPairwiseJudge judge, string manifestPath,
            CancellationToken cancellationToken)
        {
            long requests = 0;
            var orders = judge.Orders == JudgeOrders.Both ? 2 : 1;
            await foreach (var chunk in inner.ReadChunksAsync(cancellationToken))
                foreach (var item in chunk)
                    requests += kinds.Get(item.Kind, manifestPath) is IComparativeKind kind ? kind.Comparisons(item).Count * orders : 0;
            return new ComparisonItems(inner, kinds, judge, manifestPath, requests);
        }

        public override int Count => inner.Count;
        public override long Requests => requests;
        public override int Truncated => inner.Truncated;
        public override string Fingerprint => inner.Fingerprint;
        public override RequestRepeats Repeats => inner.Repeats;

        public override async IAsyncEnumerable<IReadOnlyList<SuiteItem>> ReadChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var chunk in inner.ReadChunksAsync(cancellationToken))
                yield return [.. chunk.Select(item => kinds.Get(item.Kind, manifestPath) is IComparativeKind kind ? Rewrite(item, kind, judge) : item)];
        }
    }

    /// <summary>A comparative judge behind the pointwise contract: each request is a comparison (see <see cref="Comparison"/>).</summary>
    private sealed class JudgeAdapter(IRewardModel model, IPairwiseJudge judge) : IRewardModel, IConcurrentModel, IReportedTokenCounts
    {
        public ModelInfo Info => model.Info;
        public int DefaultConcurrency => (model as IConcurrentModel)?.DefaultConcurrency ?? 1;

        public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
            judge.JudgeAsync([.. batch.Select(e => new ComparisonEntry(Comparison.Of(e.Request), e.Request.Hash,
                SplitRole(e.Origins[0].Role).Order, e.Origins))], cancellationToken);

        public int MeasureLength(ScoringRequest request) => model.MeasureLength(request);

        public bool TryGetTokens(ScoringRequest request, out int tokens)
        {
            tokens = 0;
            return model is IReportedTokenCounts reported && reported.TryGetTokens(request, out tokens);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the caller owns and disposes the judge
    }
}
