using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Gate;

/// <summary>A suite present in both runs, with its items paired by id (in id order).</summary>
public sealed record SuitePairing(string Name, SuiteResult Baseline, SuiteResult Candidate, IReadOnlyList<PairedItem> Items);

/// <param name="Notes">Suites present in only one run, or with no judged item in either (not gated).</param>
public sealed record GatePairs(IReadOnlyList<SuitePairing> Suites, IReadOnlyList<string> Notes);

/// <summary>
/// Pairs two runs item by item, or refuses (invalid input, exit code 3) with every reason at once: either run
/// partial, different tie policies, no suite in common, and per common suite: different dataset sha256,
/// different item sets (ids), an item in different subsets or clusters, or a share of invalid items above
/// the threshold in either run. Comparing anything else would gate on noise or on different data.
/// A suite with no judged item in either run (unsupported by both models, e.g. multimodal for two text
/// models) is passed over with a note; with <c>only</c> (--suite) just those suites are gated.
/// </summary>
public static class GatePairing
{
    private const int Examples = 3;

    /// <param name="only">Suite names to gate (--suite); null: every suite in common.</param>
    public static GatePairs Pair(GateRun baseline, GateRun candidate, double maxInvalid, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        // A --limit sample pairs only with the same sample: said once, instead of as item sets that differ.
        if (ItemSample.Mismatch(baseline.Result.Sample, candidate.Result.Sample) is { } sampleMismatch)
            throw new InputException(candidate.Source, sampleMismatch, column: "sample");
        var problems = new List<InputProblem>();
        foreach (var run in new[] { baseline, candidate })
            if (run.Result.Status != "complete")
                problems.Add(new InputProblem(run.Source,
                    $"is a {run.Result.Status} run: the gate needs every item scored in both runs (rerun the same command to resume it)", Column: "status"));
        var (baseTies, candTies) = (baseline.Result.Provenance.Ties, candidate.Result.Provenance.Ties);
        if (baseTies != candTies)
            problems.Add(new InputProblem(candidate.Source,
                $"tie policy '{candTies}' differs from the baseline's '{baseTies}' ({baseline.Source}); rerun the candidate with --ties {baseTies}",
                Column: "provenance.ties"));

        var candidateSuites = candidate.Result.Suites.Where(s => Selected(s, only)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var baselineSuites = baseline.Result.Suites.Where(s => Selected(s, only)).ToList();
        foreach (var name in only ?? [])
            if (baselineSuites.All(s => s.Name != name) && !candidateSuites.ContainsKey(name))
                problems.Add(new InputProblem("--suite", $"suite '{name}' is in neither run (baseline: {Names(baseline.Result.Suites)}; candidate: {Names(candidate.Result.Suites)})"));
        var common = baselineSuites.Where(s => candidateSuites.ContainsKey(s.Name)).ToList();
        var notes = baselineSuites.Where(s => !candidateSuites.ContainsKey(s.Name))
            .Select(s => $"suite '{s.Name}' is only in the baseline: not gated")
            .Concat(candidateSuites.Values.Where(s => common.All(c => c.Name != s.Name)).Select(s => $"suite '{s.Name}' is only in the candidate: not gated"))
            .ToList();
        if (common.Count == 0)
            problems.Add(new InputProblem(candidate.Source,
                $"has no suite in common with the baseline (baseline: {Names(baseline.Result.Suites)}; candidate: {Names(candidate.Result.Suites)})"));

        var suites = new List<SuitePairing>();
        foreach (var baseSuite in common)
        {
            var candSuite = candidateSuites[baseSuite.Name];
            if (NoneJudged(baseline, baseSuite) && NoneJudged(candidate, candSuite))
            {
                notes.Add($"suite '{baseSuite.Name}' has no judged item in either run: not gated{Why(baseSuite, candSuite)}");
                continue;
            }
            var pairing = PairSuite(baseline, candidate, baseSuite, candSuite, maxInvalid, problems);
            if (pairing is not null) suites.Add(pairing);
        }
        if (common.Count > 0 && suites.Count == 0 && problems.Count == 0)
            problems.Add(new InputProblem(candidate.Source,
                $"no suite has judged items in both runs (common suites: {Names(common)}); gate suites both models can take"));
        if (problems.Count > 0) throw new InputException(problems);
        return new GatePairs(suites, notes);
    }

    private static SuitePairing? PairSuite(GateRun baseline, GateRun candidate, SuiteResult baseSuite, SuiteResult candSuite, double maxInvalid,
        List<InputProblem> problems)
    {
        var name = baseSuite.Name;
        var count = problems.Count;
        var baseHashes = baseSuite.Datasets.Select(d => d.Sha256).Order(StringComparer.Ordinal).ToList();
        var candHashes = candSuite.Datasets.Select(d => d.Sha256).Order(StringComparer.Ordinal).ToList();
        if (!baseHashes.SequenceEqual(candHashes, StringComparer.Ordinal))
            problems.Add(new InputProblem(candidate.Source,
                $"suite '{name}': dataset sha256 differ (baseline {Hashes(baseSuite)}; candidate {Hashes(candSuite)}): the runs scored different data",
                Column: "suites.datasets.sha256"));

        var baseItems = ById(baseline, name, problems);
        var candItems = ById(candidate, name, problems);
        var pairs = new List<PairedItem>(baseItems.Count);
        var missing = new List<string>();
        foreach (var (id, b) in baseItems)
        {
            if (!candItems.TryGetValue(id, out var c))
            {
                missing.Add(id);
                continue;
            }
            if (b.Subset != c.Subset || b.Cluster != c.Cluster)
                problems.Add(new InputProblem(candidate.Source,
                    $"suite '{name}', item '{id}': subset/cluster '{c.Subset}'/'{c.Cluster}' differ from the baseline's '{b.Subset}'/'{b.Cluster}'"));
            pairs.Add(new PairedItem(b, c));
        }
        List<string> extra = candItems.Count == pairs.Count ? [] : candItems.Keys.Where(id => !baseItems.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            problems.Add(new InputProblem(candidate.Source,
                $"suite '{name}': item sets differ: {missing.Count} baseline item(s) missing from the candidate{Ids(missing)}, " +
                $"{extra.Count} candidate item(s) not in the baseline{Ids(extra)}"));
        foreach (var (run, items) in new[] { (baseline, baseItems), (candidate, candItems) })
        {
            var invalid = 0;
            foreach (var outcome in items.Values) if (outcome.Invalid) invalid++;
            if (items.Count > 0 && invalid > maxInvalid * items.Count)
                problems.Add(new InputProblem(run.Source, string.Create(CultureInfo.InvariantCulture,
                    $"suite '{name}': {invalid} of {items.Count} items ({100.0 * invalid / items.Count:0.##}%) have invalid (non-finite) scores, above --max-invalid {maxInvalid}")));
        }
        if (pairs.Count == 0 && problems.Count == count)
            problems.Add(new InputProblem(baseline.Source, $"suite '{name}' has no judged items to compare"));
        return problems.Count == count ? new SuitePairing(name, baseSuite, candSuite, pairs) : null;
    }

    private static bool Selected(SuiteResult suite, IReadOnlyCollection<string>? only) => only is null || only.Contains(suite.Name);

    private static bool NoneJudged(GateRun run, SuiteResult suite) =>
        suite.Counts.Items == 0 && (run.Outcomes.GetValueOrDefault(suite.Name)?.Count ?? 0) == 0;

    /// <summary>" (baseline: 10 of 10 items need images, ...)" from the runs' status notes.</summary>
    private static string Why(SuiteResult baseSuite, SuiteResult candSuite)
    {
        var notes = new[] { ("baseline", baseSuite.StatusNote), ("candidate", candSuite.StatusNote) }.Where(n => n.Item2 is not null).ToList();
        if (notes.Count == 2 && notes[0].Item2 == notes[1].Item2) return $" ({notes[0].Item2})";
        return notes.Count == 0 ? "" : $" ({string.Join("; ", notes.Select(n => $"{n.Item1}: {n.Item2}"))})";
    }

    /// <summary>A suite's outcomes by id, in id order (outcomes.parquet is written in id order; sorted here only when it is not).</summary>
    private static SortedList<string, ItemOutcome> ById(GateRun run, string suite, List<InputProblem> problems)
    {
        var outcomes = run.Outcomes.GetValueOrDefault(suite) ?? [];
        var sorted = true;
        for (var i = 1; i < outcomes.Count && sorted; i++) sorted = string.CompareOrdinal(outcomes[i - 1].Id, outcomes[i].Id) < 0;
        var ordered = sorted ? outcomes : outcomes.OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        var byId = new SortedList<string, ItemOutcome>(ordered.Count, StringComparer.Ordinal);
        foreach (var outcome in ordered)
            if (!byId.TryAdd(outcome.Id, outcome))
                problems.Add(new InputProblem(run.Source, $"suite '{suite}': item id '{outcome.Id}' appears twice in {RunFiles.OutcomesParquet}", Column: "id"));
        return byId;
    }

    private static string Names(IEnumerable<SuiteResult> suites)
    {
        var names = suites.Select(s => $"'{s.Name}'").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Hashes(SuiteResult suite) =>
        string.Join(", ", suite.Datasets.Select(d => $"{Path.GetFileName(d.Path)} {(d.Sha256.Length > 12 ? d.Sha256[..12] : d.Sha256)}"));

    private static string Ids(IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "" : $" (e.g. {string.Join(", ", ids.Take(Examples).Select(id => $"'{id}'"))})";
}
