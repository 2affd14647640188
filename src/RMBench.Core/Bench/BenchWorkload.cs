using RMBench.Core.Models;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Core.Bench;

/// <summary>One request of the workload with its length as the model measures it.</summary>
/// <param name="Tokens">Tokens the model scores; null for models that do not tokenize.</param>
public sealed record BenchRequest(PlannedRequest Planned, ScoringBatchEntry Entry, int Length, int? Tokens, bool Truncated);

/// <summary>
/// The requests a bench scores: the unique requests of the given suites (<see cref="RequestPlan"/>) that
/// `rmbench run` would score, each measured once by the model (tokens via <see cref="ITokenizingModel"/>,
/// else characters). As in a run, items the model cannot take (<see cref="SuiteSupport"/>) are left out
/// (see <see cref="LeftOut"/>); with nothing left the bench is refused. Scenarios that need more requests
/// than there are cycle through them in plan order.
/// </summary>
public sealed class BenchWorkload
{
    private BenchWorkload(IReadOnlyList<BenchRequest> requests, bool tokenized, IReadOnlyList<string> suites, IReadOnlyList<string> leftOut)
    {
        Requests = requests;
        Tokenized = tokenized;
        Suites = suites;
        LeftOut = leftOut;
    }

    public IReadOnlyList<BenchRequest> Requests { get; }
    /// <summary>Whether lengths are tokens (the model tokenizes) or characters.</summary>
    public bool Tokenized { get; }
    /// <summary>The suites with requests in the workload.</summary>
    public IReadOnlyList<string> Suites { get; }
    /// <summary>Per suite with items the model cannot take: "suite 'multimodal': 3 of 10 items need images, ...".</summary>
    public IReadOnlyList<string> LeftOut { get; }
    public int Count => Requests.Count;
    public int Truncated => Requests.Count(r => r.Truncated);

    /// <summary>The i-th request of an endless cycle over the workload.</summary>
    public BenchRequest Cycle(long i) => Requests[(int)(i % Requests.Count)];

    public static async Task<BenchWorkload> BuildAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, CancellationToken cancellationToken = default)
    {
        var taken = new List<(string Suite, IReadOnlyList<SuiteItem> Items)>();
        var leftOut = new List<string>();
        foreach (var suite in suites)
        {
            var items = await suite.Items.ReadAllAsync(cancellationToken);
            var supported = items.Where(i => SuiteSupport.Takes(model.Info, i)).ToList();
            if (supported.Count < items.Count)
                leftOut.Add($"suite '{suite.Name}': " + SuiteSupport.Note(items.Count, items.Count - supported.Count,
                    items.Where(i => !SuiteSupport.Takes(model.Info, i)).Select(SuiteSupport.Needs), model.Info));
            if (supported.Count > 0) taken.Add((suite.Name, supported));
        }
        var plan = RequestPlan.Build(taken);
        if (plan.Unique.Count == 0)
            throw new Errors.InputException("--suite", leftOut.Count > 0
                ? $"nothing to bench: model '{model.Info.Id}' takes no item of the selected suites ({string.Join("; ", leftOut)}); 'rmbench run' reports them unsupported: pick suites the model takes"
                : "the selected suites hold no request to score");
        var tokenizing = model as ITokenizingModel;
        var requests = plan.Unique.Select(p =>
        {
            var entry = new ScoringBatchEntry(p.Request, p.Origins);
            if (tokenizing is null) return new BenchRequest(p, entry, model.MeasureLength(p.Request), null, false);
            var measure = tokenizing.Measure(p.Request);
            return new BenchRequest(p, entry, measure.Tokens, measure.Tokens, measure.Truncated);
        }).ToList();
        return new BenchWorkload(requests, tokenizing is not null, taken.Select(s => s.Suite).ToList(), leftOut);
    }

    /// <summary>Length-sorted batches within the batch limits (the runner's <see cref="Batcher"/>).</summary>
    public IReadOnlyList<IReadOnlyList<BenchRequest>> SortedBatches(int batchSize, int batchTokens)
    {
        var byHash = Requests.ToDictionary(r => r.Planned.Request.Hash, StringComparer.Ordinal);
        return Batcher.ByLength(Requests.Select(r => r.Planned), p => byHash[p.Request.Hash].Length, batchSize, batchTokens)
            .Select(b => (IReadOnlyList<BenchRequest>)b.Select(p => byHash[p.Request.Hash]).ToList())
            .ToList();
    }
}
