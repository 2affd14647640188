using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Plugins;

namespace RMBench.Core.Gate;

/// <summary>Settings of one gate, validated by <see cref="GateEvaluator.Validate"/>.</summary>
/// <param name="MarginPoints">Non-inferiority margin in percentage points (1 = the candidate may be up to 1 point worse).</param>
/// <param name="MaxInvalid">Largest share of items with invalid scores a run may have in a gated suite.</param>
public sealed record GateOptions(double MarginPoints = 1.0, double Alpha = 0.05, double MaxInvalid = 0.01, int Seed = 1234, int Resamples = 2000)
{
    public double Margin => MarginPoints / 100.0;
    /// <summary>Suite names to gate (--suite); null: every suite the runs have in common.</summary>
    public IReadOnlyList<string>? Suites { get; init; }
}

/// <summary>
/// Decides PASS / FAIL / INCONCLUSIVE per suite and overall, as a pure function of two runs' item outcomes.
/// <para>
/// Per suite, with d = metric(candidate) - metric(baseline) and m the margin (a proportion):
/// two one-sided tests at level alpha, each Holm-corrected across the gated suites.
/// FAIL when H0: d &gt;= -m is rejected (significant evidence that the candidate is worse by more than the
/// margin); else PASS when H0: d &lt;= -m is rejected (non-inferiority shown: the interval's lower bound is
/// above -m); else INCONCLUSIVE. Binary outcomes gated on micro accuracy use an exact unconditional score test on the
/// paired (loss, win, tie) counts (<see cref="ExactUnconditional"/>; the classic two-sided exact McNemar p-value is
/// reported beside it); fractional outcomes (ties as 0.5, best-of-n 1/k) and
/// composite metrics (sections, overall, macro...) a paired cluster bootstrap (<see cref="PairedBootstrap"/>).
/// A bootstrap decision (PASS or FAIL) also needs at least ln(1/alpha) / m prompts (300 for the defaults): with
/// fewer, even identical outcomes on every item cannot bound the difference within the margin (the "rule of
/// three"), yet the bootstrap, blind to what it has not seen, would call that certain; and on so few prompts
/// its intervals are too narrow in general (simulated A/A gates on 40 prompts failed at about alpha instead
/// of well below). Such suites are INCONCLUSIVE; the exact test needs no such guard (its p-value for n identical outcomes is
/// (1 - m)^n, which decides from about 300 items on by itself).
/// </para>
/// <para>Overall: FAIL if any suite fails, else PASS if every suite passes, else INCONCLUSIVE.</para>
/// </summary>
public static class GateEvaluator
{
    /// <summary>The decision rule in words: written into gate.json and the README.</summary>
    public const string Rule =
        "d = candidate - baseline on each suite's headline metric, m = margin. Per suite, two one-sided tests at level alpha, " +
        "Holm-corrected across suites: FAIL when d >= -m is rejected (the candidate is worse than the baseline by more than the margin); " +
        "otherwise PASS when d <= -m is rejected (non-inferiority: the lower bound of the interval for d is above -m); " +
        "otherwise INCONCLUSIVE. Overall: FAIL if any suite fails, PASS if all pass, else INCONCLUSIVE.";

    public const string ExactMethod = "exact-unconditional";
    public const string BootstrapMethod = "paired-bootstrap";

    public static void Validate(GateOptions options)
    {
        var problems = new List<InputProblem>();
        if (!(options.MarginPoints >= 0 && options.MarginPoints < 100)) problems.Add(new InputProblem("--margin", $"must be in [0, 100) percentage points (got {Format(options.MarginPoints)})"));
        if (!(options.Alpha > 0 && options.Alpha < 0.5)) problems.Add(new InputProblem("--alpha", $"must be in (0, 0.5) (got {Format(options.Alpha)})"));
        if (!(options.MaxInvalid >= 0 && options.MaxInvalid <= 1)) problems.Add(new InputProblem("--max-invalid", $"must be a fraction in [0, 1] (got {Format(options.MaxInvalid)})"));
        if (options.Resamples < 100) problems.Add(new InputProblem("--bootstrap", $"must be at least 100 resamples (got {options.Resamples.ToString(CultureInfo.InvariantCulture)})"));
        if (problems.Count > 0) throw new InputException(problems);
    }

    /// <summary>Prompts a bootstrap-based decision needs: ceil(ln(1/alpha) / m); 0 with no margin (then identical outcomes cannot pass anyway).</summary>
    public static int MinBootstrapClusters(GateOptions options) =>
        options.Margin > 0 ? (int)Math.Ceiling(Math.Log(1 / options.Alpha) / options.Margin) : 0;

    /// <summary>Pairs, tests and decides. Throws <see cref="InputException"/> (a refusal) when the runs cannot be compared.</summary>
    public static GateResult Evaluate(GateRun baseline, GateRun candidate, GateOptions options) =>
        Evaluate(baseline, candidate, options, MetricEngine.Registry);

    public static GateResult Evaluate(GateRun baseline, GateRun candidate, GateOptions options, Registry<ISuiteMetric> metrics)
    {
        Validate(options);
        var pairs = GatePairing.Pair(baseline, candidate, options.MaxInvalid, options.Suites);
        var tests = pairs.Suites.Select(s => Test(s, options, metrics)).ToList();
        var nonInferiorityHolm = Holm.Adjust(tests.Select(t => t.PNonInferiority).ToList());
        var inferiorityHolm = Holm.Adjust(tests.Select(t => t.PInferiority).ToList());
        var suites = tests.Select((t, i) => Decide(t, nonInferiorityHolm[i], inferiorityHolm[i], options)).ToList();
        var decision = suites.Any(s => s.Decision == GateDecision.Fail) ? GateDecision.Fail
            : suites.All(s => s.Decision == GateDecision.Pass) ? GateDecision.Pass
            : GateDecision.Inconclusive;
        return new GateResult
        {
            Decision = decision,
            ExitCode = decision.ExitCode(),
            Rule = Rule,
            Settings = new GateSettings(options.MarginPoints, options.Margin, options.Alpha, options.MaxInvalid, options.Seed, options.Resamples,
                1 - 2 * options.Alpha, MinBootstrapClusters(options)),
            Baseline = baseline.Describe(),
            Candidate = candidate.Describe(),
            Suites = suites,
            Notes = pairs.Notes,
        };
    }

    /// <summary>One suite's statistics before the multiplicity correction.</summary>
    private sealed record SuiteTest(SuitePairing Pairing, GateMetric Metric, string Method, int Clusters, double Baseline, double Candidate,
        double Difference, double Low, double High, double PNonInferiority, double PInferiority, double? PMcnemar, McNemarTable? Table,
        int? Resamples, string? Note);

    private static SuiteTest Test(SuitePairing pairing, GateOptions options, Registry<ISuiteMetric> metrics)
    {
        var items = pairing.Items;
        var metric = GateMetric.Resolve(pairing.Baseline, items.Select(i => i.Baseline).ToList(), metrics, out var note);
        var clusters = PairedBootstrap.ClusterCount(items);
        var binary = metric.IsMicroAccuracy && items.All(i => IsBinary(i.Baseline.Value) && IsBinary(i.Candidate.Value));
        if (binary)
        {
            var losses = items.Count(i => i.Baseline.Value == 1 && i.Candidate.Value == 0);
            var wins = items.Count(i => i.Baseline.Value == 0 && i.Candidate.Value == 1);
            var table = new McNemarTable(losses, wins, items.Count);
            var (low, high) = ExactUnconditional.Interval(table, options.Alpha, options.Margin);
            var baseValue = items.Sum(i => i.Baseline.Value) / items.Count;
            var candValue = items.Sum(i => i.Candidate.Value) / items.Count;
            return new SuiteTest(pairing, metric, ExactMethod, clusters, baseValue, candValue, table.Difference, low, high,
                ExactUnconditional.GreaterThan(table, -options.Margin), ExactUnconditional.LessThan(table, -options.Margin), ExactMcNemar.TwoSided(table),
                table, null, note);
        }
        var boot = PairedBootstrap.Run(items, metric, -options.Margin, options.Alpha, options.Seed, options.Resamples);
        return new SuiteTest(pairing, metric, BootstrapMethod, clusters, boot.Baseline, boot.Candidate, boot.Difference, boot.Low, boot.High,
            boot.PGreater, boot.PLess, null, null, boot.Resamples, note);
    }

    private static bool IsBinary(double value) => value is 0 or 1;

    private static SuiteGate Decide(SuiteTest t, double pNonInferiorityHolm, double pInferiorityHolm, GateOptions options)
    {
        var reasons = new List<string>();
        if (t.Note is not null) reasons.Add(t.Note);
        var alpha = Format(options.Alpha);
        var interval = $"d = {Format(t.Difference)}, {Format(100 * (1 - 2 * options.Alpha))}% interval [{Format(t.Low)}, {Format(t.High)}], margin -{Format(options.Margin)}";
        // The bootstrap decides nothing on fewer prompts than the rule of three allows (see the class comment).
        var tooFew = t.Method == BootstrapMethod && t.Clusters < MinBootstrapClusters(options);
        GateDecision decision;
        if (pInferiorityHolm <= options.Alpha && !tooFew)
        {
            decision = GateDecision.Fail;
            reasons.Add($"worse than the baseline by more than the margin: {interval}; Holm-adjusted p = {Format(pInferiorityHolm)} <= {alpha}");
        }
        else if (pNonInferiorityHolm <= options.Alpha && !tooFew)
        {
            decision = GateDecision.Pass;
            reasons.Add($"non-inferior within the margin: {interval}; Holm-adjusted p = {Format(pNonInferiorityHolm)} <= {alpha}");
        }
        else
        {
            decision = GateDecision.Inconclusive;
            reasons.Add(tooFew
                ? $"too few prompts for a bootstrap decision: {t.Clusters} < {MinBootstrapClusters(options)} (ln(1/alpha) / margin); {interval}"
                : $"neither worse than the margin nor shown non-inferior: {interval}; Holm-adjusted p = {Format(pNonInferiorityHolm)} (non-inferiority), {Format(pInferiorityHolm)} (worse)");
        }
        var items = t.Pairing.Items;
        return new SuiteGate
        {
            Name = t.Pairing.Name,
            Metric = t.Metric.Key,
            MetricLabel = t.Metric.Label,
            Method = t.Method,
            Items = items.Count,
            Clusters = t.Clusters,
            BaselineValue = t.Baseline,
            CandidateValue = t.Candidate,
            Difference = t.Difference,
            CiLow = t.Low,
            CiHigh = t.High,
            PNonInferiority = t.PNonInferiority,
            PNonInferiorityHolm = pNonInferiorityHolm,
            PInferiority = t.PInferiority,
            PInferiorityHolm = pInferiorityHolm,
            PMcnemar = t.PMcnemar,
            Losses = t.Table?.Losses,
            Wins = t.Table?.Wins,
            Resamples = t.Resamples,
            BaselineInvalid = items.Count(i => i.Baseline.Invalid),
            CandidateInvalid = items.Count(i => i.Candidate.Invalid),
            BaselineTies = items.Sum(i => i.Baseline.Ties),
            CandidateTies = items.Sum(i => i.Candidate.Ties),
            Decision = decision,
            Reasons = reasons,
            Subsets = items.GroupBy(i => i.Subset).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var n = g.Count();
                double b = g.Sum(i => i.Baseline.Value) / n, c = g.Sum(i => i.Candidate.Value) / n;
                return new SubsetGate(g.Key, n, b, c, c - b);
            }).ToList(),
        };
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
