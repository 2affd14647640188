using RMBench.Core.Errors;
using RMBench.Core.Gate;
using RMBench.Core.Suites;

namespace RMBench.Tests.Gate;

public class GateEvaluatorTests
{
    private static readonly GateOptions Options = new(Resamples: 500);

    private static Dictionary<string, IReadOnlyList<ItemOutcome>> Suites(params (string Name, IReadOnlyList<ItemOutcome> Outcomes)[] suites) =>
        suites.ToDictionary(s => s.Name, s => s.Outcomes);

    private static List<ItemOutcome> Values(int count, Func<int, double> value, string subset = "s") =>
        Enumerable.Range(0, count).Select(i => GateFixtures.Outcome(i, value(i), subset)).ToList();

    [Fact]
    public void Binary_micro_accuracy_is_tested_exactly_and_reports_the_mcnemar_table()
    {
        // 3,000 items; the candidate loses items 0..59 and wins items 60..89: d = (30 - 60) / 3000 = -0.01.
        var baseline = Values(3000, i => i < 60 || i >= 90 ? 1 : 0);
        var candidate = Values(3000, i => i < 60 ? 0 : 1);
        var result = GateEvaluator.Evaluate(GateFixtures.Run("base", baseline), GateFixtures.Run("cand", candidate), Options);

        var suite = Assert.Single(result.Suites);
        Assert.Equal(GateEvaluator.ExactMethod, suite.Method);
        Assert.Equal((60, 30), (suite.Losses!.Value, suite.Wins!.Value));
        Assert.Equal(-0.01, suite.Difference, 12);
        Assert.Equal(ExactMcNemar.TwoSided(new McNemarTable(60, 30, 3000)), suite.PMcnemar);
        Assert.InRange(suite.Difference, suite.CiLow, suite.CiHigh);
        // d sits on the margin: neither FAIL nor PASS can be shown.
        Assert.Equal(GateDecision.Inconclusive, suite.Decision);
    }

    [Fact]
    public void A_composite_metric_is_bootstrapped_and_its_observed_difference_is_the_hand_computed_one()
    {
        // Sections A = {a}, B = {b}, overall = mean of sections. Baseline: a 160/200 right, b 100/200 -> overall 0.65.
        // Candidate: a 140/200, b 100/200 -> 0.60. d = -0.05. (400 prompts: above the bootstrap's 300-prompt minimum.)
        var sections = new Dictionary<string, IReadOnlyDictionary<string, double?>>
        {
            ["A"] = new Dictionary<string, double?> { ["a"] = null },
            ["B"] = new Dictionary<string, double?> { ["b"] = null },
        };
        List<ItemOutcome> Run(int aRight) =>
            [.. Enumerable.Range(0, 200).Select(i => GateFixtures.Outcome(i, i < aRight ? 1 : 0, "a")),
             .. Enumerable.Range(200, 200).Select(i => GateFixtures.Outcome(i, i < 300 ? 1 : 0, "b"))];
        var baseline = GateFixtures.Run("base", Suites(("rb", Run(160))), headline: "overall", sections: sections);
        var candidate = GateFixtures.Run("cand", Suites(("rb", Run(140))), headline: "overall", sections: sections);

        var suite = Assert.Single(GateEvaluator.Evaluate(baseline, candidate, Options).Suites);

        Assert.Equal(GateEvaluator.BootstrapMethod, suite.Method);
        Assert.Equal("overall", suite.Metric);
        Assert.Equal(0.65, suite.BaselineValue, 12);
        Assert.Equal(0.60, suite.CandidateValue, 12);
        Assert.Equal(-0.05, suite.Difference, 12);
        Assert.Equal(500, suite.Resamples);
        // Only subset a changes (20 of its 200 items lose a point): the resampled overall difference is half the
        // resampled a-difference, which is always <= 0; so the upper bound is <= 0 and the lower well below.
        Assert.True(suite.CiHigh <= 0 && suite.CiLow < -0.05);
        Assert.Equal(GateDecision.Fail, suite.Decision);
    }

    [Fact]
    public void The_bootstrap_is_deterministic_for_a_seed_and_its_p_values_agree_with_its_interval()
    {
        var rng = new RMBench.Core.Statistics.Pcg32(5);
        var (baseline, candidate) = GateFixtures.FractionalPairs(rng, 1500, down: 0.08, up: 0.12);
        var first = GateEvaluator.Evaluate(baseline, candidate, Options).Suites[0];
        var again = GateEvaluator.Evaluate(baseline, candidate, Options).Suites[0];
        var other = GateEvaluator.Evaluate(baseline, candidate, Options with { Seed = 99 }).Suites[0];

        Assert.Equal((first.CiLow, first.CiHigh, first.PNonInferiority), (again.CiLow, again.CiHigh, again.PNonInferiority));
        Assert.NotEqual((first.CiLow, first.CiHigh), (other.CiLow, other.CiHigh));
        Assert.Equal(first.Difference, other.Difference);
        // PASS iff the lower bound is above -margin (up to the +1 in the p-value's numerator).
        Assert.Equal(first.PNonInferiority <= 0.05, first.CiLow > -0.01);
    }

    [Fact]
    public void Holm_applies_across_suites_and_any_failing_suite_fails_the_gate()
    {
        // Suite "same": 2,000 identical items (PASS). Suite "worse": the candidate loses 100 of 2,000 items (FAIL).
        var same = Values(2000, i => i % 4 == 0 ? 0 : 1);
        var worse = Values(2000, i => i % 4 == 0 ? 0 : 1);
        var worseCandidate = Values(2000, i => i % 4 == 0 || i < 200 && i % 2 == 1 ? 0 : 1);
        var result = GateEvaluator.Evaluate(
            GateFixtures.Run("base", Suites(("same", same), ("worse", worse))),
            GateFixtures.Run("cand", Suites(("same", same), ("worse", worseCandidate))), Options);

        Assert.Equal(GateDecision.Fail, result.Decision);
        Assert.Equal(1, result.ExitCode);
        var (s, w) = (result.Suites.Single(x => x.Name == "same"), result.Suites.Single(x => x.Name == "worse"));
        Assert.Equal(GateDecision.Pass, s.Decision);
        Assert.Equal(GateDecision.Fail, w.Decision);
        var adjusted = Holm.Adjust([s.PNonInferiority, w.PNonInferiority]);
        Assert.Equal((adjusted[0], adjusted[1]), (s.PNonInferiorityHolm, w.PNonInferiorityHolm));
        // With two suites the smaller p-value is doubled. No discordant pair in 2,000 puts D below 0.005 (C's upper bound),
        // too little for a 1-point drop: the identical suite's p-value is gamma, doubled.
        Assert.Equal(2 * ExactUnconditional.Gamma, s.PNonInferiorityHolm, 15);
    }

    [Fact]
    public void Every_reason_to_refuse_is_reported_at_once()
    {
        var items = Values(100, i => i % 2);
        var baseline = GateFixtures.Run("base", Suites(("x", items), ("y", items)), status: "partial");
        var candidate = GateFixtures.Run("cand", Suites(("x", Values(90, i => i % 2)), ("y", items)), ties: "half", sha: "other-sha");

        var e = Assert.Throws<InputException>(() => GateEvaluator.Evaluate(baseline, candidate, Options));
        var text = e.Message;
        Assert.Contains("is a partial run", text);
        Assert.Contains("tie policy 'half' differs from the baseline's 'strict'", text);
        Assert.Contains("suite 'x': dataset sha256 differ", text);
        Assert.Contains("suite 'y': dataset sha256 differ", text);
        Assert.Contains("suite 'x': item sets differ: 10 baseline item(s) missing from the candidate (e.g. 'item-00090', 'item-00091', 'item-00092'), 0 candidate item(s)", text);
    }

    [Fact]
    public void Too_many_invalid_items_and_no_common_suite_are_refused()
    {
        var clean = Values(200, i => i % 2);
        var invalid = clean.Select((o, i) => i < 3 ? o with { Invalid = true, Value = 0 } : o).ToList(); // 1.5% > 1%
        var e = Assert.Throws<InputException>(() =>
            GateEvaluator.Evaluate(GateFixtures.Run("base", clean), GateFixtures.Run("cand", invalid), Options));
        Assert.Contains("3 of 200 items (1.5%) have invalid (non-finite) scores, above --max-invalid 0.01", e.Message);
        // A looser threshold accepts them.
        GateEvaluator.Evaluate(GateFixtures.Run("base", clean), GateFixtures.Run("cand", invalid), Options with { MaxInvalid = 0.02 });

        var none = Assert.Throws<InputException>(() =>
            GateEvaluator.Evaluate(GateFixtures.Run("base", clean, suite: "a"), GateFixtures.Run("cand", clean, suite: "b"), Options));
        Assert.Contains("has no suite in common with the baseline (baseline: 'a'; candidate: 'b')", none.Message);
    }

    [Theory]
    [InlineData(-1, 0.05, 0.01, "--margin")]
    [InlineData(1, 0.5, 0.01, "--alpha")]
    [InlineData(1, 0.05, 1.5, "--max-invalid")]
    public void Out_of_range_options_are_invalid_input(double margin, double alpha, double maxInvalid, string option)
    {
        var e = Assert.Throws<InputException>(() => GateEvaluator.Validate(new GateOptions(margin, alpha, maxInvalid)));
        Assert.Equal(option, Assert.Single(e.Problems).Source);
    }
}
