using RMBench.Core.Models;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Core.Bench;

/// <summary>One request of the workload with its length as the model measures it.</summary>
/// <param name="Tokens">Tokens the model scores; null for models that do not tokenize.</param>
public sealed record BenchRequest(PlannedRequest Planned, ScoringBatchEntry Entry, int Length, int? Tokens, bool Truncated);

/// <summary>
/// The requests a bench scores: the unique requests of the given suites (<see cref="RequestPlan"/>), each
/// measured once by the model (tokens via <see cref="ITokenizingModel"/>, else characters). Scenarios that
/// need more requests than there are cycle through them in plan order.
/// </summary>
public sealed class BenchWorkload
{
    private BenchWorkload(IReadOnlyList<BenchRequest> requests, bool tokenized, IReadOnlyList<string> suites)
    {
        Requests = requests;
        Tokenized = tokenized;
        Suites = suites;
    }

    public IReadOnlyList<BenchRequest> Requests { get; }
    /// <summary>Whether lengths are tokens (the model tokenizes) or characters.</summary>
    public bool Tokenized { get; }
    public IReadOnlyList<string> Suites { get; }
    public int Count => Requests.Count;
    public int Truncated => Requests.Count(r => r.Truncated);

    /// <summary>The i-th request of an endless cycle over the workload.</summary>
    public BenchRequest Cycle(long i) => Requests[(int)(i % Requests.Count)];

    public static async Task<BenchWorkload> BuildAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, CancellationToken cancellationToken = default)
    {
        var plan = await RequestPlan.BuildAsync(suites, cancellationToken);
        if (plan.Unique.Count == 0) throw new Errors.InputException("--suite", "the selected suites hold no request to score");
        var tokenizing = model as ITokenizingModel;
        var requests = plan.Unique.Select(p =>
        {
            var entry = new ScoringBatchEntry(p.Request, p.Origins);
            if (tokenizing is null) return new BenchRequest(p, entry, model.MeasureLength(p.Request), null, false);
            var measure = tokenizing.Measure(p.Request);
            return new BenchRequest(p, entry, measure.Tokens, measure.Tokens, measure.Truncated);
        }).ToList();
        return new BenchWorkload(requests, tokenizing is not null, suites.Select(s => s.Name).ToList());
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
