using RMBench.Core.Gate;

namespace RMBench.Tests.Gate;

/// <summary>Hand-computed values of the binomial tails, the exact McNemar tests (with and without margin) and Holm.</summary>
public class GateStatisticsTests
{
    [Fact]
    public void Binomial_tails_equal_the_hand_counted_sums()
    {
        // Bin(10, 1/2): P(X <= 2) = (C(10,0) + C(10,1) + C(10,2)) / 2^10 = (1 + 10 + 45) / 1024; P(X >= 8) is the mirror image.
        Assert.Equal(56.0 / 1024, Binomial.LowerTail(2, 10, 0.5), 15);
        Assert.Equal(56.0 / 1024, Binomial.UpperTail(8, 10, 0.5), 15);
        // Above the mean the lower tail is 1 - the upper: P(X <= 8) = 1 - (10 + 1) / 1024.
        Assert.Equal(1013.0 / 1024, Binomial.LowerTail(8, 10, 0.5), 15);
        // Bin(10, 0.55): P(X <= 2) = 0.45^10 + 10 * 0.55 * 0.45^9 + 45 * 0.55^2 * 0.45^8
        //   = 0.000340506 + 0.004161744 + 0.022889589 = 0.027391839.
        Assert.Equal(0.027391839261328134, Binomial.LowerTail(2, 10, 0.55), 12);
        Assert.Equal(1.0, Binomial.LowerTail(0, 0, 0.3));
    }

    [Fact]
    public void Binomial_tails_stay_accurate_far_in_the_tail_and_for_large_n()
    {
        // P(X = 0) for Bin(2000, 0.5) = 2^-2000: below double's range, so 0; P(X <= 900) for Bin(2000, 0.5) is about
        // 3.6e-6 (normal approximation with continuity correction: z = (900.5 - 1000) / sqrt(500) = -4.45).
        var tail = Binomial.LowerTail(900, 2000, 0.5);
        Assert.InRange(tail, 2e-6, 6e-6);
        Assert.Equal(1.0, Binomial.LowerTail(900, 2000, 0.5) + Binomial.UpperTail(901, 2000, 0.5), 12);
    }

    [Fact]
    public void Clopper_pearson_bounds_match_their_closed_forms()
    {
        // x = 0: (1 - U)^n = gamma; x = n: L^n = gamma.
        Assert.Equal(1 - Math.Pow(0.001, 1.0 / 2000), Binomial.UpperBound(0, 2000, 0.001), 14);
        Assert.Equal(Math.Pow(0.001, 0.1), Binomial.LowerBound(10, 10, 0.001), 14);
        // In between the bound is where the tail equals gamma.
        var upper = Binomial.UpperBound(30, 200, 0.025);
        Assert.Equal(0.025, Binomial.LowerTail(30, 200, upper), 9);
        var lower = Binomial.LowerBound(30, 200, 0.025);
        Assert.Equal(0.025, Binomial.UpperTail(30, 200, lower), 9);
        Assert.True(lower < 0.15 && 0.15 < upper);
    }

    [Fact]
    public void Exact_mcnemar_p_values_of_an_8_to_2_table_are_the_hand_computed_binomial_sums()
    {
        // 8 items lost (baseline right, candidate wrong), 2 won, 20 concordant: only the 10 discordant pairs matter.
        // Losses ~ Bin(10, 1/2) under d = 0. One-sided (candidate worse): P(B >= 8) = (45 + 10 + 1) / 1024 = 0.0546875.
        // Two-sided: 2 * 0.0546875 = 0.109375.
        var table = new McNemarTable(Losses: 8, Wins: 2, Pairs: 30);
        Assert.Equal(0.109375, ExactMcNemar.TwoSided(table), 15);
        Assert.Equal(0.0546875, ExactMcNemar.LessThan(table, 0), 15);
        Assert.Equal(1013.0 / 1024, ExactMcNemar.GreaterThan(table, 0), 15);
        Assert.Equal(-6.0 / 30, table.Difference, 15);
        Assert.Equal(1.0, ExactMcNemar.TwoSided(new McNemarTable(5, 5, 10)));
    }

    [Fact]
    public void The_margin_enters_as_the_least_favourable_loss_share_plus_gamma()
    {
        // 2 losses, 8 wins, every pair discordant (n = n_d = 10), margin 10 points: H0 d <= -0.1 means
        // theta = P(loss | discordant) >= 1/2 + 0.1 / (2 D). D's 99.9% upper Clopper-Pearson bound with 10 of 10 is 1,
        // so theta* = 0.55 and p = gamma + P(Bin(10, 0.55) <= 2) = 0.001 + 0.027391839 = 0.028391839.
        var table = new McNemarTable(Losses: 2, Wins: 8, Pairs: 10);
        Assert.Equal(0.028391839261328135, ExactMcNemar.GreaterThan(table, -0.1), 12);

        // 10 losses of 10, is the candidate worse by more than 10 points? H0 d >= -0.1; D's lower bound L solves
        // L^10 = 0.001, L = 0.501187; theta* (win share) = 1/2 - 0.1 / (2 L) = 0.400237; p = gamma + P(no win) =
        // 0.001 + (1 - 0.400237)^10 = 0.001 + 0.006022787 = 0.007022787.
        Assert.Equal(0.007022787493234203, ExactMcNemar.LessThan(new McNemarTable(10, 0, 10), -0.1), 10);
    }

    [Fact]
    public void Two_thousand_concordant_pairs_prove_non_inferiority_and_forty_do_not()
    {
        // No discordant pair: D <= 1 - 0.001^(1/2000) = 0.00345 with 99.9% confidence; |d| <= D < 0.01, so H0 d <= -0.01
        // is excluded up to gamma: p = 0.001.
        Assert.Equal(ExactMcNemar.Gamma, ExactMcNemar.GreaterThan(new McNemarTable(0, 0, 2000), -0.01), 15);
        // With 40 pairs the bound is 1 - 0.001^(1/40) = 0.159 > 0.01, and nothing is shown: P(B <= 0 | n_d = 0) = 1.
        Assert.Equal(1.0, ExactMcNemar.GreaterThan(new McNemarTable(0, 0, 40), -0.01));
        Assert.Equal(1.0, ExactMcNemar.LessThan(new McNemarTable(0, 0, 40), -0.01));
    }

    [Fact]
    public void The_interval_inverts_the_tests_and_contains_the_observed_difference()
    {
        var table = new McNemarTable(Losses: 130, Wins: 70, Pairs: 2000);
        var (low, high) = ExactMcNemar.Interval(table, 0.05);
        Assert.InRange(table.Difference, low, high);
        // At the bounds the one-sided tests are at alpha: just inside they do not reject, just outside they do.
        Assert.True(ExactMcNemar.GreaterThan(table, low - 1e-6) <= 0.05);
        Assert.True(ExactMcNemar.GreaterThan(table, low + 1e-4) > 0.05);
        Assert.True(ExactMcNemar.LessThan(table, high + 1e-6) <= 0.05);
        Assert.True(ExactMcNemar.LessThan(table, high - 1e-4) > 0.05);
        // Wider than the plain normal interval d +- 1.645 * sqrt((b + c) / n^2 - d^2 / n) = -0.03 +- 0.0116: exactness costs a little.
        Assert.True(high - low > 2 * 0.0116);
        Assert.True(high - low < 2 * 0.0116 * 1.6);
    }

    [Fact]
    public void Holm_adjustment_equals_the_hand_computed_step_down()
    {
        // Sorted: 0.005 * 4 = 0.02; 0.01 * 3 = 0.03; 0.03 * 2 = 0.06; 0.04 * 1 = 0.04 -> max(0.06, 0.04) = 0.06.
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
        // Capped at 1, and one p-value is its own adjustment.
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.7]));
        Assert.Equal([0.2], Holm.Adjust([0.2]));
    }
}
