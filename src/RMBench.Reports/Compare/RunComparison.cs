using RMBench.Core.Errors;
using RMBench.Core.Gate;
using RMBench.Core.Metrics;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Reports.Compare;

/// <summary>One run of a comparison, as the reports name it.</summary>
/// <param name="Sample">The run's `--limit` sample ("--limit 50 (seed 1234)"), null for a full run.</param>
public sealed record CompareSide(string Source, string Model, string Backend, string Status, string? Sample);

/// <summary>A value with its 95% interval (null bounds when the run recorded none).</summary>
public sealed record Estimate(double Value, double? Low, double? High);

/// <summary>
/// One line of a comparison: a suite's headline metric (<see cref="Subset"/> null) or a subset's accuracy, in both
/// runs, and the difference B - A with its 95% interval.
/// </summary>
/// <param name="Method"><see cref="RunComparison.Paired"/> or <see cref="RunComparison.Unpaired"/>.</param>
/// <param name="Items">Items paired (paired rows) or A's items + B's items (unpaired rows).</param>
public sealed record CompareRow(string Suite, string? Subset, string Metric, string Label, Estimate A, Estimate B, Estimate Delta,
    string Method, int Items);

/// <summary>`rmbench compare A B`: the rows, side by side, and what could not be compared.</summary>
public sealed record Comparison(CompareSide A, CompareSide B, IReadOnlyList<CompareRow> Rows, IReadOnlyList<string> Notes,
    int Seed, int Resamples);

/// <summary>
/// Compares two runs suite by suite and subset by subset. Where the gate would pair the suite (same data and
/// item ids, both runs complete, same tie policy, same `--limit` sample: <see cref="GatePairing"/>), the
/// difference and its interval come from the gate's <see cref="PairedBootstrap"/> over the paired items
/// (percentile 95% interval, the metric recomputed as <see cref="GateMetric"/> does). Otherwise the rows are
/// labelled unpaired and the interval combines the two runs' own 95% intervals by the MOVER method (Zou and
/// Donner 2008), which treats the runs as independent: for d = b - a,
/// low = d - sqrt((b - b_low)^2 + (a_high - a)^2), high = d + sqrt((b_high - b)^2 + (a - a_low)^2).
/// </summary>
public static class RunComparison
{
    public const string Paired = "paired";
    public const string Unpaired = "unpaired";
    private const double Alpha = 0.025; // each side: the 95% intervals run.json reports

    public static Comparison Build(GateRun a, GateRun b, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rows = new List<CompareRow>();
        var notes = new List<string>();
        var suitesOfB = b.Result.Suites.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var suiteA in a.Result.Suites)
        {
            if (!suitesOfB.TryGetValue(suiteA.Name, out var suiteB)) { notes.Add($"suite '{suiteA.Name}' is only in A"); continue; }
            if (suiteA.Status == SuiteStatus.Unsupported || suiteB.Status == SuiteStatus.Unsupported)
            {
                notes.Add($"suite '{suiteA.Name}' is unsupported by the model of {(suiteA.Status == SuiteStatus.Unsupported ? "A" : "B")}: not compared");
                continue;
            }
            var pairing = TryPair(a, b, suiteA.Name, out var reason);
            if (pairing is null) notes.Add($"suite '{suiteA.Name}': unpaired ({reason})");
            rows.AddRange(CompareSuite(suiteA, suiteB, pairing, seed, resamples, notes));
        }
        notes.AddRange(b.Result.Suites.Where(s => a.Result.Suites.All(x => x.Name != s.Name)).Select(s => $"suite '{s.Name}' is only in B"));
        if (rows.Count == 0 && notes.Count == 0) notes.Add("the runs have no suite in common");
        return new Comparison(Side(a), Side(b), rows, notes, seed, resamples);
    }

    private static CompareSide Side(GateRun run) =>
        new(run.Source, run.Result.Model.Id, run.Result.Model.Backend, run.Result.Status, run.Result.Sample?.Describe());

    /// <summary>The gate's pairing of one suite, or null with the gate's first reason for refusing it.</summary>
    private static SuitePairing? TryPair(GateRun a, GateRun b, string suite, out string reason)
    {
        static GateRun Only(GateRun run, string suite) => run with
        {
            Result = run.Result with { Suites = [.. run.Result.Suites.Where(s => s.Name == suite)] },
            Outcomes = run.Outcomes.Where(o => o.Key == suite).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
        };
        try
        {
            reason = "";
            // Invalid scores do not stop a comparison (they count as misses in both views); the gate's other refusals do.
            return GatePairing.Pair(Only(a, suite), Only(b, suite), maxInvalid: 1.0).Suites.Single();
        }
        catch (InputException e)
        {
            reason = e.Problems[0].Message;
            return null;
        }
    }

    private static IEnumerable<CompareRow> CompareSuite(SuiteResult suiteA, SuiteResult suiteB, SuitePairing? pairing, int seed, int resamples,
        List<string> notes)
    {
        if (suiteA.Headline != suiteB.Headline)
            notes.Add($"suite '{suiteA.Name}': headlines differ (A '{suiteA.Headline}', B '{suiteB.Headline}'); comparing A's");
        if (Headline(suiteA, suiteB, pairing, seed, resamples, notes) is { } headline) yield return headline;
        foreach (var subsetA in suiteA.Subsets)
        {
            var subsetB = suiteB.Subsets.FirstOrDefault(s => s.Name == subsetA.Name);
            if (subsetB is null) { notes.Add($"suite '{suiteA.Name}': subset '{subsetA.Name}' is only in A"); continue; }
            var valueA = new Estimate(subsetA.Accuracy, subsetA.CiLow, subsetA.CiHigh);
            var valueB = new Estimate(subsetB.Accuracy, subsetB.CiLow, subsetB.CiHigh);
            var items = pairing?.Items.Where(i => i.Subset == subsetA.Name).ToList();
            if (items is { Count: > 0 })
            {
                var accuracy = GateMetric.Resolve(pairing!.Baseline with { Headline = AccuracyMetric.MicroKey }, [], MetricEngine.Registry, out _);
                var boot = PairedBootstrap.Run(items, accuracy, 0, Alpha, seed, resamples);
                yield return new CompareRow(suiteA.Name, subsetA.Name, AccuracyMetric.MicroKey, "Accuracy", valueA, valueB,
                    new Estimate(boot.Difference, boot.Low, boot.High), Paired, items.Count);
            }
            else yield return new CompareRow(suiteA.Name, subsetA.Name, AccuracyMetric.MicroKey, "Accuracy", valueA, valueB,
                Mover(valueA, valueB), Unpaired, subsetA.Items + subsetB.Items);
        }
        foreach (var subsetB in suiteB.Subsets.Where(s => suiteA.Subsets.All(x => x.Name != s.Name)))
            notes.Add($"suite '{suiteA.Name}': subset '{subsetB.Name}' is only in B");
    }

    private static CompareRow? Headline(SuiteResult suiteA, SuiteResult suiteB, SuitePairing? pairing, int seed, int resamples, List<string> notes)
    {
        if (pairing is { Items.Count: > 0 })
        {
            var metric = GateMetric.Resolve(pairing.Baseline, pairing.Items.Select(i => i.Baseline).ToList(), MetricEngine.Registry, out var note);
            if (note is not null) notes.Add($"suite '{suiteA.Name}': {note}");
            try
            {
                var boot = PairedBootstrap.Run(pairing.Items, metric, 0, Alpha, seed, resamples);
                return new CompareRow(suiteA.Name, null, metric.Key, metric.Label,
                    Recorded(suiteA, metric.Key) ?? new Estimate(boot.Baseline, null, null),
                    Recorded(suiteB, metric.Key) ?? new Estimate(boot.Candidate, null, null),
                    new Estimate(boot.Difference, boot.Low, boot.High), Paired, pairing.Items.Count);
            }
            catch (InvalidOperationException e)
            {
                notes.Add($"suite '{suiteA.Name}': {e.Message}");
                return null;
            }
        }
        var (valueA, valueB) = (Recorded(suiteA, suiteA.Headline), Recorded(suiteB, suiteA.Headline));
        if (valueA is null || valueB is null)
        {
            notes.Add($"suite '{suiteA.Name}': headline '{suiteA.Headline}' is missing from {(valueA is null ? "A" : "B")}");
            return null;
        }
        var label = suiteA.Metrics.First(m => m.Key == suiteA.Headline).Label;
        return new CompareRow(suiteA.Name, null, suiteA.Headline, label, valueA, valueB, Mover(valueA, valueB), Unpaired,
            suiteA.Counts.Items + suiteB.Counts.Items);
    }

    private static Estimate? Recorded(SuiteResult suite, string key) =>
        suite.Metrics.FirstOrDefault(m => m.Key == key) is { } m ? new Estimate(m.Value, m.CiLow, m.CiHigh) : null;

    /// <summary>The MOVER interval of B - A from the two runs' own intervals (null bounds when either run has none).</summary>
    public static Estimate Mover(Estimate a, Estimate b)
    {
        var d = b.Value - a.Value;
        if (a is not { Low: { } aLow, High: { } aHigh } || b is not { Low: { } bLow, High: { } bHigh }) return new Estimate(d, null, null);
        static double Square(double x) => x * x;
        return new Estimate(d,
            d - Math.Sqrt(Square(b.Value - bLow) + Square(aHigh - a.Value)),
            d + Math.Sqrt(Square(bHigh - b.Value) + Square(a.Value - aLow)));
    }
}
