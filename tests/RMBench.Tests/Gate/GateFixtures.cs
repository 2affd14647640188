using RMBench.Core.Gate;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Tests.Gate;

/// <summary>In-memory runs for gate tests, and a seeded generator of paired outcomes (Pcg32).</summary>
public static class GateFixtures
{
    /// <summary>A complete run of one suite (or several) with the given outcomes per suite.</summary>
    public static GateRun Run(string model, IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>> suites, string headline = "accuracy",
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>>? sections = null, string status = "complete", string ties = "strict",
        string sha = "sha-of-the-data") => new($"{model}/run.json", new RunResult
    {
        Status = status,
        Model = new ModelInfo { Id = model, Backend = "test", Digest = model + "-digest" },
        Suites = suites.Select(s => new SuiteResult
        {
            Name = s.Key,
            Kinds = ["pairwise"],
            Datasets = [new DatasetInfo($"{s.Key}.parquet", sha, s.Value.Count, "pairwise")],
            Headline = headline,
            Sections = sections,
            Metrics = [],
            Subsets = [],
            Counts = new SuiteCounts { Items = s.Value.Count },
        }).ToList(),
        Provenance = new Provenance
        {
            HarnessVersion = "0.1.0",
            StartedAt = "2026-01-01T00:00:00Z",
            FinishedAt = "2026-01-01T00:00:01Z",
            Machine = new MachineInfo("Linux", "X64", 2, ".NET 10", "test"),
            BootstrapSeed = 1234,
            BootstrapResamples = 100,
            ModelSeed = 42,
            Ties = ties,
            BatchSize = 32,
        },
        Counts = new RunCounts(),
    }, suites);

    public static GateRun Run(string model, IReadOnlyList<ItemOutcome> outcomes, string suite = "sim", string headline = "accuracy") =>
        Run(model, new Dictionary<string, IReadOnlyList<ItemOutcome>> { [suite] = outcomes }, headline);

    public static ItemOutcome Outcome(int i, double value, string subset = "s") =>
        new(i < Ids.Length ? Ids[i] : $"item-{i:D5}", subset, i < Ids.Length ? Prompts[i] : $"prompt-{i:D5}", value, 0, false);

    // Formatted once (declared before Simulated, which uses them): the simulations build millions of outcomes.
    private static readonly string[] Ids = Enumerable.Range(0, 4000).Select(i => $"item-{i:D5}").ToArray();
    private static readonly string[] Prompts = Enumerable.Range(0, 4000).Select(i => $"prompt-{i:D5}").ToArray();

    /// <summary>Item i (subset "even" or "odd") with value halves / 2; the simulations reuse these instead of allocating millions.</summary>
    private static ItemOutcome Cached(int i, int halves) => Simulated[i * 3 + halves];

    private static readonly ItemOutcome[] Simulated = Enumerable.Range(0, 3 * 4000)
        .Select(k => Outcome(k / 3, k % 3 / 2.0, k / 3 % 2 == 0 ? "even" : "odd")).ToArray();


    /// <summary>
    /// n pairs of binary outcomes: each item independently is a loss (baseline right, candidate wrong) with
    /// probability <paramref name="loss"/>, a win with <paramref name="win"/>, right in both with
    /// <paramref name="bothRight"/>, else wrong in both. True difference d = win - loss. Two subsets.
    /// </summary>
    public static (GateRun Baseline, GateRun Candidate) BinaryPairs(Pcg32 rng, int n, double loss, double win, double bothRight = 0.71)
    {
        var (baseline, candidate) = (new ItemOutcome[n], new ItemOutcome[n]);
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            var (b, c) = u < loss ? (1, 0) : u < loss + win ? (0, 1) : u < loss + win + bothRight ? (1, 1) : (0, 0);
            (baseline[i], candidate[i]) = (Cached(i, b * 2), Cached(i, c * 2));
        }
        return (Run("base", baseline), Run("cand", candidate));
    }

    /// <summary>
    /// n pairs of fractional outcomes (0, 0.5, 1; as with ties counted 0.5): the baseline is 1, 0.5 or 0 with
    /// probabilities 0.6, 0.2, 0.2; the candidate moves half a point down with probability <paramref name="down"/>
    /// (when it can) and up with <paramref name="up"/> (when it can). True d = 0.5 (0.4 up - 0.8 down).
    /// </summary>
    public static (GateRun Baseline, GateRun Candidate) FractionalPairs(Pcg32 rng, int n, double down, double up)
    {
        var (baseline, candidate) = (new ItemOutcome[n], new ItemOutcome[n]);
        for (var i = 0; i < n; i++)
        {
            var v = rng.NextDouble();
            var b = v < 0.6 ? 1.0 : v < 0.8 ? 0.5 : 0.0;
            var u = rng.NextDouble();
            var c = u < down && b >= 0.5 ? b - 0.5 : u >= down && u < down + up && b <= 0.5 ? b + 0.5 : b;
            (baseline[i], candidate[i]) = (Cached(i, (int)(b * 2)), Cached(i, (int)(c * 2)));
        }
        return (Run("base", baseline), Run("cand", candidate));
    }
}
