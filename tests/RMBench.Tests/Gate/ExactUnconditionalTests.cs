using RMBench.Core.Gate;
using RMBench.Core.Statistics;
using Xunit.Abstractions;

namespace RMBench.Tests.Gate;

/// <summary>The gate's exact unconditional test: hand-computed values, an independent enumeration, exact size, and agreement with the evaluator.</summary>
public class ExactUnconditionalTests(ITestOutputHelper output)
{
    private static readonly GateOptions Options = new(MarginPoints: 1, Alpha: 0.05);

    private static double Multinomial(int n, int l, int w, double pl, double pw) =>
        Math.Exp(Binomial.LogFactorial(n) - Binomial.LogFactorial(l) - Binomial.LogFactorial(w) - Binomial.LogFactorial(n - l - w)
                 + (l == 0 ? 0 : l * Math.Log(pl)) + (w == 0 ? 0 : w * Math.Log(pw)) + (n - l - w) * Math.Log(1 - pl - pw));

    [Fact]
    public void Identical_outcomes_give_z_sqrt_nm_over_1_minus_m_and_p_gamma_plus_0_99_to_the_n()
    {
        Assert.Equal(Math.Sqrt(350 * 0.01 / 0.99), ExactUnconditional.Score(0, 0, 350, -0.01), 12);
        // The least favourable D is the margin itself (every discordant pair a loss): P(no discordance) = 0.99^n.
        foreach (var n in new[] { 298, 299, 300, 350 })
            Assert.Equal(ExactUnconditional.Gamma + Math.Pow(0.99, n), ExactUnconditional.GreaterThan(new McNemarTable(0, 0, n), -0.01), 10);
        // So few pairs that C = [0, 1 - (gamma / 2)^(1/n)] cannot reach the margin's D... is not possible at 1 point; at a
        // 90-point margin 10 identical pairs exclude D >= 0.9 (C's upper bound 0.63): p = gamma.
        Assert.Equal(ExactUnconditional.Gamma, ExactUnconditional.GreaterThan(new McNemarTable(0, 0, 10), -0.9));
    }

    [Fact]
    public void The_p_value_equals_an_independent_enumeration_of_every_table()
    {
        // n = 12, delta = -0.1, observed 2 losses and 3 wins: sum the multinomial probability of every (l, w) whose Z is at
        // least the observed one, at the least favourable d = min(delta, D), maximised over a fine grid of D in C.
        const int n = 12;
        const double delta = -0.1;
        var observed = ExactUnconditional.Score(2, 3, n, delta);
        double low = Math.Max(-delta, Binomial.LowerBound(5, n, ExactUnconditional.Gamma / 2)), high = Binomial.UpperBound(5, n, ExactUnconditional.Gamma / 2);
        var sup = 0.0;
        for (var i = 0; i <= 4000; i++)
        {
            var discordance = low + (high - low) * i / 4000;
            var d = Math.Min(delta, discordance);
            double pl = (discordance - d) / 2, pw = (discordance + d) / 2, tail = 0;
            for (var l = 0; l <= n; l++)
                for (var w = 0; l + w <= n; w++)
                    if (ExactUnconditional.Score(l, w, n, delta) >= observed - 1e-9) tail += Multinomial(n, l, w, pl, pw);
            sup = Math.Max(sup, tail);
        }
        Assert.Equal(ExactUnconditional.Gamma + sup, ExactUnconditional.GreaterThan(new McNemarTable(2, 3, n), delta), 6);
    }

    [Fact]
    public void The_score_decreases_with_every_loss_that_replaces_a_win()
    {
        // The tail sum's region l <= l*(k) and the least favourable d = min(delta, D) both rest on this.
        foreach (var n in new[] { 30, 350, 2000 })
            foreach (var delta in new[] { -0.1, -0.01, 0.0, 0.01, 0.1 })
                for (var k = 0; k <= n; k += n > 400 ? 13 : 1)
                    for (var l = 0; l < k; l++)
                        Assert.True(ExactUnconditional.Score(l + 1, k - l - 1, n, delta) <= ExactUnconditional.Score(l, k - l, n, delta) + 1e-12, $"n {n} delta {delta} k {k} l {l}");
    }

    [Theory]
    [InlineData(100, 0.01)]
    [InlineData(100, 0.05)]
    [InlineData(100, 0.30)]
    [InlineData(350, 0.01)]
    [InlineData(350, 0.02)]
    [InlineData(350, 0.10)]
    [InlineData(350, 0.30)]
    [InlineData(2000, 0.02)]
    [InlineData(2000, 0.05)]
    public void At_d_equal_minus_margin_the_exact_probability_of_each_wrong_decision_is_at_most_alpha(int n, double discordance)
    {
        // Sum the multinomial probability of every table (to 7 standard deviations) that PASSes, and that FAILs.
        double pl = (discordance + 0.01) / 2, pw = (discordance - 0.01) / 2, pass = 0, fail = 0;
        double sl = Math.Sqrt(n * pl), sw = Math.Sqrt(n * pw);
        for (var l = Math.Max(0, (int)(n * pl - 7 * sl)); l <= n * pl + 7 * sl + 3; l++)
            for (var w = Math.Max(0, (int)(n * pw - 7 * sw)); w <= n * pw + 7 * sw + 3 && l + w <= n; w++)
            {
                var p = Multinomial(n, l, w, pl, pw);
                var table = new McNemarTable(l, w, n);
                if (ExactUnconditional.Rejects(table, -0.01, 0.05)) pass += p;
                if (ExactUnconditional.Rejects(table.Swapped, 0.01, 0.05)) fail += p;
            }
        output.WriteLine($"n = {n}, D = {discordance}: P(PASS) = {pass:0.0000}, P(FAIL) = {fail:0.0000}");
        Assert.True(pass <= 0.05, $"P(PASS) = {pass}");
        Assert.True(fail <= 0.05, $"P(FAIL) = {fail}");
    }

    [Fact]
    public void Rejects_the_interval_and_the_evaluator_agree_with_the_p_values()
    {
        var rng = new Pcg32(31);
        foreach (var n in new[] { 40, 350, 2000 })
            for (var i = 0; i < 12; i++)
            {
                var discordance = 0.01 + 0.2 * rng.NextDouble();
                var d = (rng.NextDouble() - 0.6) * 0.06;
                var (baseline, candidate) = GateFixtures.BinaryPairs(rng, n, loss: Math.Max(0, (discordance - d) / 2), win: Math.Max(0, (discordance + d) / 2));
                var suite = GateEvaluator.Evaluate(baseline, candidate, Options).Suites.Single();
                var table = new McNemarTable(suite.Losses!.Value, suite.Wins!.Value, n);
                var (pNonInferiority, pInferiority) = (ExactUnconditional.GreaterThan(table, -0.01), ExactUnconditional.LessThan(table, -0.01));
                Assert.Equal(GateEvaluator.ExactMethod, suite.Method);
                Assert.Equal(pNonInferiority, suite.PNonInferiority);
                Assert.Equal(pInferiority, suite.PInferiority);
                Assert.Equal(pNonInferiority <= 0.05, ExactUnconditional.Rejects(table, -0.01, 0.05));
                Assert.Equal(pInferiority <= 0.05, ExactUnconditional.Rejects(table.Swapped, 0.01, 0.05));
                var expected = pInferiority <= 0.05 ? GateDecision.Fail : pNonInferiority <= 0.05 ? GateDecision.Pass : GateDecision.Inconclusive;
                Assert.Equal(expected, suite.Decision);
                // The interval says what the decision says: lower bound above -m iff non-inferior, upper below -m iff worse.
                Assert.Equal(pNonInferiority <= 0.05, suite.CiLow >= -0.01);
                Assert.Equal(pInferiority <= 0.05, suite.CiHigh <= -0.01);
                Assert.InRange(table.Difference, suite.CiLow - 1e-9, suite.CiHigh + 1e-9);
            }
    }
}
