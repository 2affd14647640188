using System.Globalization;
using RMBench.Core.Gate;
using RMBench.Core.Statistics;
using Xunit.Abstractions;

namespace RMBench.Tests.Gate;

/// <summary>
/// The gate's error rates on simulated checkpoints (seeded Pcg32, so every run of these tests sees the same
/// draws). Binary suites use the exact unconditional test: 1,000 gates each, drawn as (loss, win, tie) counts and
/// decided by the test's pure functions (GateEvaluator.Evaluate also computes the interval, which the decision does
/// not need; <c>ExactUnconditionalTests</c> checks that the two agree). Fractional suites use the paired
/// bootstrap, which costs a resampling per gate: 100 gates of 300 resamples each, to stay fast.
/// Pairs agree on 92% of items (two checkpoints of one reward model mostly agree); the power curve over
/// other agreement levels is printed for the record.
/// </summary>
public class GateSimulationTests(ITestOutputHelper output)
{
    private static readonly GateOptions Options = new(MarginPoints: 1, Alpha: 0.05);

    private static (int Pass, int Fail, int Inconclusive) Simulate(int gates, ulong seed, Func<Pcg32, (GateRun, GateRun)> pairs, GateOptions options)
    {
        var rng = new Pcg32(seed);
        var counts = new int[3];
        for (var g = 0; g < gates; g++)
        {
            var (baseline, candidate) = pairs(rng);
            counts[(int)GateEvaluator.Evaluate(baseline, candidate, options).Decision]++;
        }
        return (counts[(int)GateDecision.Pass], counts[(int)GateDecision.Fail], counts[(int)GateDecision.Inconclusive]);
    }

    private void Report(string what, int gates, (int Pass, int Fail, int Inconclusive) r) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: FAIL {r.Fail}/{gates} ({100.0 * r.Fail / gates:0.0}%), PASS {r.Pass}/{gates} ({100.0 * r.Pass / gates:0.0}%), INCONCLUSIVE {r.Inconclusive}/{gates}"));

    /// <summary>(losses, wins) of n pairs drawn with P(loss) = <paramref name="loss"/>, P(win) = <paramref name="win"/>.</summary>
    private static McNemarTable Draw(Pcg32 rng, int n, double loss, double win)
    {
        var (losses, wins) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            if (u < loss) losses++;
            else if (u < loss + win) wins++;
        }
        return new McNemarTable(losses, wins, n);
    }

    /// <summary>The gate's decision for one binary suite (Holm is the identity for one suite): FAIL first, then PASS.</summary>
    private static GateDecision Decide(McNemarTable table, GateOptions options) =>
        ExactUnconditional.Rejects(table.Swapped, options.Margin, options.Alpha) ? GateDecision.Fail
        : ExactUnconditional.Rejects(table, -options.Margin, options.Alpha) ? GateDecision.Pass
        : GateDecision.Inconclusive;

    /// <summary>Decisions of <paramref name="gates"/> simulated binary gates; tables seen before are not tested again (the test is a pure function).</summary>
    private static (int Pass, int Fail, int Inconclusive) SimulateBinary(int gates, ulong seed, int n, double loss, double win,
        Func<McNemarTable, GateDecision>? decide = null)
    {
        decide ??= t => Decide(t, Options);
        var rng = new Pcg32(seed);
        var seen = new Dictionary<McNemarTable, GateDecision>();
        var counts = new int[3];
        for (var g = 0; g < gates; g++)
        {
            var table = Draw(rng, n, loss, win);
            if (!seen.TryGetValue(table, out var decision)) seen[table] = decision = decide(table);
            counts[(int)decision]++;
        }
        return (counts[(int)GateDecision.Pass], counts[(int)GateDecision.Fail], counts[(int)GateDecision.Inconclusive]);
    }

    [Fact]
    public void Equally_good_checkpoints_fail_in_at_most_alpha_of_1000_binary_gates()
    {
        // A/A: 2,000 pairs, 4% lost and 4% won (true d = 0).
        var r = SimulateBinary(1000, 11, 2000, loss: 0.04, win: 0.04);
        Report("A/A binary (exact unconditional)", 1000, r);
        Assert.True(r.Fail <= 50, $"{r.Fail} of 1000 A/A gates failed");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(350)]
    [InlineData(2000)]
    public void At_the_margin_neither_fail_nor_pass_exceeds_alpha_for_discordance_from_1_to_30_percent(int n)
    {
        // d = -margin exactly, where both one-sided nulls hold: each decision may be wrong in at most alpha of gates,
        // whatever the discordance D (P(loss) = (D + m) / 2, P(win) = (D - m) / 2). A true rate of alpha gives more than
        // 50 of 1,000 in about half of the seeds, so the bound allows the Monte Carlo error (66: the 99% binomial limit);
        // ExactUnconditionalTests sums the exact rejection probabilities, which must be at most alpha itself.
        foreach (var discordance in new[] { 0.01, 0.02, 0.05, 0.10, 0.20, 0.30 })
        {
            var r = SimulateBinary(1000, 12, n, loss: (discordance + 0.01) / 2, win: (discordance - 0.01) / 2);
            Report(string.Create(CultureInfo.InvariantCulture, $"d = -margin, n = {n}, D = {100 * discordance:0}%"), 1000, r);
            Assert.True(r.Fail <= 66, $"{r.Fail} of 1000 boundary gates failed (n = {n}, D = {discordance})");
            Assert.True(r.Pass <= 66, $"{r.Pass} of 1000 boundary gates passed (n = {n}, D = {discordance})");
        }
    }

    [Fact]
    public void Identical_runs_of_300_items_or_more_pass_at_a_one_point_margin()
    {
        // Identical outcomes: no discordant pair. p = gamma + 0.99^n, below 0.05 from n = 299 on.
        foreach (var n in new[] { 300, 350, 1000, 2000 })
        {
            var outcomes = Enumerable.Range(0, n).Select(i => GateFixtures.Outcome(i, i % 3 == 0 ? 0 : 1)).ToList();
            var suite = GateEvaluator.Evaluate(GateFixtures.Run("base", outcomes), GateFixtures.Run("cand", outcomes), Options).Suites.Single();
            Assert.Equal(GateEvaluator.ExactMethod, suite.Method);
            Assert.True(suite.Decision == GateDecision.Pass, $"n = {n}: {string.Join("; ", suite.Reasons)}");
            Assert.True(suite.CiLow > -0.01, $"n = {n}: lower bound {suite.CiLow}");
        }
        Assert.Equal(GateDecision.Inconclusive, Decide(new McNemarTable(0, 0, 298), Options));
    }

    [Fact]
    public void A_true_three_point_drop_on_2000_pairs_fails_more_often_than_with_mcnemar()
    {
        // 5.5% lost, 2.5% won: d = -0.03 with 92% agreement. McNemar with its Berger-Boos bound caught 83.9%.
        var r = SimulateBinary(1000, 13, 2000, loss: 0.055, win: 0.025);
        Report("3-point drop binary (exact unconditional), 92% agreement", 1000, r);
        var mcnemar = SimulateBinary(1000, 13, 2000, loss: 0.055, win: 0.025,
            t => ExactMcNemar.LessThan(t, -0.01) <= 0.05 ? GateDecision.Fail : ExactMcNemar.GreaterThan(t, -0.01) <= 0.05 ? GateDecision.Pass : GateDecision.Inconclusive);
        Report("3-point drop binary (exact McNemar, same draws)", 1000, mcnemar);
        Assert.True(r.Fail >= 839, $"only {r.Fail} of 1000 gates caught the drop");
        Assert.True(r.Fail >= mcnemar.Fail, $"{r.Fail} < McNemar's {mcnemar.Fail}");
        Assert.Equal(0, r.Pass);
        // For the record: the power depends on how often the checkpoints disagree.
        foreach (var discordance in new[] { 0.05, 0.10, 0.15 })
        {
            var curve = SimulateBinary(200, 14, 2000, loss: (discordance + 0.03) / 2, win: (discordance - 0.03) / 2);
            Report(string.Create(CultureInfo.InvariantCulture, $"3-point drop binary, {100 * (1 - discordance):0}% agreement (200 gates)"), 200, curve);
        }
    }

    [Fact]
    public void A_small_binary_sample_is_inconclusive_rather_than_pass()
    {
        // 40 pairs of equally good checkpoints. Identical outcomes, or a few discordant pairs either way, show nothing
        // at a 1-point margin. A PASS needs the candidate to look clearly better (e.g. 3 wins, 0 losses), which is a
        // right decision when d = 0 > -margin, not a false one; so: mostly inconclusive, and every PASS observed better by 3 or more.
        var rng = new Pcg32(15);
        var (pass, inconclusive) = (0, 0);
        for (var g = 0; g < 200; g++)
        {
            var (baseline, candidate) = GateFixtures.BinaryPairs(rng, 40, loss: 0.04, win: 0.04);
            var suite = GateEvaluator.Evaluate(baseline, candidate, Options).Suites[0];
            if (suite.Decision == GateDecision.Pass)
            {
                pass++;
                Assert.True(suite.Wins - suite.Losses >= 3, $"PASS with {suite.Wins} wins and {suite.Losses} losses of 40");
            }
            if (suite.Decision == GateDecision.Inconclusive) inconclusive++;
            if (suite.Losses + suite.Wins <= 2) Assert.Equal(GateDecision.Inconclusive, suite.Decision);
        }
        output.WriteLine($"A/A binary, 40 pairs: PASS {pass}/200, INCONCLUSIVE {inconclusive}/200");
        Assert.True(inconclusive >= 180, $"{inconclusive} of 200");

        var identical = Enumerable.Range(0, 40).Select(i => GateFixtures.Outcome(i, i % 3 == 0 ? 0 : 1)).ToList();
        var same = GateEvaluator.Evaluate(GateFixtures.Run("base", identical), GateFixtures.Run("cand", identical), Options);
        Assert.Equal(GateDecision.Inconclusive, same.Decision);
        Assert.Equal(2, same.ExitCode);
        // The same identical outcomes on 2,000 items do prove non-inferiority.
        var many = Enumerable.Range(0, 2000).Select(i => GateFixtures.Outcome(i, i % 3 == 0 ? 0 : 1)).ToList();
        Assert.Equal(GateDecision.Pass, GateEvaluator.Evaluate(GateFixtures.Run("base", many), GateFixtures.Run("cand", many), Options).Decision);
    }

    [Fact]
    public void Fractional_outcomes_use_the_paired_bootstrap_with_the_same_guarantees()
    {
        var options = Options with { Resamples = 300 };
        var aa = Simulate(100, 21, rng => GateFixtures.FractionalPairs(rng, 2000, down: 0.06, up: 0.12), options);
        Report("A/A fractional (bootstrap, 300 resamples)", 100, aa);
        Assert.True(aa.Fail <= 5, $"{aa.Fail} of 100 A/A bootstrap gates failed");

        // 10% move down half a point, 5% up: d = 0.5 (0.4 * 0.05 - 0.8 * 0.10) = -0.03.
        var drop = Simulate(100, 22, rng => GateFixtures.FractionalPairs(rng, 2000, down: 0.10, up: 0.05), options);
        Report("3-point drop fractional (bootstrap, 300 resamples)", 100, drop);
        Assert.True(drop.Fail >= 80, $"only {drop.Fail} of 100 bootstrap gates caught the drop");

        // On 40 prompts the bootstrap decides nothing (rule-of-three guard).
        var small = Simulate(100, 23, rng => GateFixtures.FractionalPairs(rng, 40, down: 0.06, up: 0.12), options);
        Report("A/A fractional, 40 pairs", 100, small);
        Assert.Equal(100, small.Inconclusive);
    }

    [Fact]
    public void A_small_fractional_sample_with_identical_outcomes_is_inconclusive_not_a_certain_pass()
    {
        // The bootstrap sees zero difference in every resample; only the rule-of-three guard
        // (ln(1/0.05) / 0.01 = 300 prompts) stops it from calling that certain.
        var outcomes = Enumerable.Range(0, 120).Select(i => GateFixtures.Outcome(i, i % 4 == 0 ? 0.5 : 1)).ToList();
        var result = GateEvaluator.Evaluate(GateFixtures.Run("base", outcomes), GateFixtures.Run("cand", outcomes), Options with { Resamples = 200 });
        var suite = Assert.Single(result.Suites);
        Assert.Equal(GateEvaluator.BootstrapMethod, suite.Method);
        Assert.Equal(GateDecision.Inconclusive, suite.Decision);
        Assert.Contains("too few prompts for a bootstrap decision: 120 < 300", suite.Reasons[^1]);

        var large = Enumerable.Range(0, 400).Select(i => GateFixtures.Outcome(i, i % 4 == 0 ? 0.5 : 1)).ToList();
        Assert.Equal(GateDecision.Pass, GateEvaluator.Evaluate(GateFixtures.Run("base", large), GateFixtures.Run("cand", large), Options with { Resamples = 200 }).Decision);
    }
}
