using RMBench.Core.Metrics;
using RMBench.Core.Metrics.BonCurve;
using RMBench.Core.Requests;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.BonCurve;

/// <summary>The exact best-of-n expectation against subsets counted by hand, and the curve metrics over items.</summary>
public class BestOfNExpectationTests
{
    // N = 4: proxy 1, 2, 2, 3 (responses 1 and 2 tie), gold 10, 20, 40, 5.
    private static readonly double[] Proxy = [1, 2, 2, 3];
    private static readonly double[] Gold = [10, 20, 40, 5];

    [Fact]
    public void N4_with_a_proxy_tie_matches_the_subsets_counted_by_hand()
    {
        var curve = BestOfNExpectation.Curve(Proxy, Gold);
        // n = 1: the mean gold.
        Assert.Equal(75.0 / 4, curve[0], 12);
        // n = 2, six pairs: {0,1}->20 {0,2}->40 {0,3}->5 {1,2}->tie (20+40)/2=30 {1,3}->5 {2,3}->5.
        Assert.Equal((20 + 40 + 5 + 30 + 5 + 5) / 6.0, curve[1], 12);
        // n = 3, four triples: {0,1,2}->30 {0,1,3}->5 {0,2,3}->5 {1,2,3}->5.
        Assert.Equal((30 + 5 + 5 + 5) / 4.0, curve[2], 12);
        // n = 4: the proxy's top response.
        Assert.Equal(5, curve[3], 12);
    }

    [Fact]
    public void An_all_tied_proxy_is_the_mean_gold_at_every_n_and_a_gold_proxy_is_the_max_of_n()
    {
        Assert.All(BestOfNExpectation.Curve([1, 1, 1, 1], Gold), v => Assert.Equal(18.75, v, 12));
        var oracle = BestOfNExpectation.Curve(Gold, Gold);
        Assert.Equal(40, oracle[3], 12);
        Assert.True(oracle[0] < oracle[1] && oracle[1] < oracle[2] && oracle[2] < oracle[3]);
        Assert.Equal(Math.Log(4) - 0.75, BestOfNExpectation.KlBon(4), 12);
        Assert.Equal(0, BestOfNExpectation.KlBon(1));
    }

    private static ItemOutcome Judge(string id, double[] proxy, double[] gold)
    {
        var kind = new BonCurveKind();
        var turns = new[] { new Turn("user", "q " + id) };
        var item = new SuiteItem(id, "s", "c-" + id, kind.Name, [.. proxy.Select((_, i) => new ItemRequest($"response:{i}", new ScoringRequest(null, turns, $"r{i}")))])
        {
            Attributes = gold.Select((g, i) => (BonCurveKind.GoldAttribute(i), g.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).ToDictionary(p => p.Item1, p => p.Item2),
        };
        return kind.Judge(item, [.. proxy.Select(p => (float)p)], new JudgingOptions());
    }

    [Fact]
    public void The_kind_and_the_metrics_give_the_curve_its_peak_and_the_overoptimisation()
    {
        var a = Judge("a", Proxy, Gold);
        var b = Judge("b", [4, 3, 2, 1], [1, 2, 3, 4]); // anti-correlated proxy: curve falls from 2.5 to 1
        Assert.Equal(0, a.Ties); // ties are counted at the top only (3 is alone there)
        Assert.Equal(0, a.Value); // the proxy's top pick (gold 5) is not the gold-best (40)
        var outcomes = new[] { a, b };
        var manifest = new SuiteManifest { Name = "t", Datasets = [] };
        var gold = new GoldAtNMetric().Compute(outcomes, manifest).ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal((18.75 + 2.5) / 2, gold["gold_at_n:1"], 12);
        Assert.Equal((17.5 + (1 + 1 + 1 + 2 + 2 + 3) / 6.0) / 2, gold["gold_at_n:2"], 12); // b: the lower index wins each pair
        Assert.Equal((5 + 1) / 2.0, gold["gold_at_n:4"], 12);
        Assert.Equal(1, new PeakNMetric().Compute(outcomes, manifest).Single().Value);
        Assert.Equal(gold["gold_at_n:1"] - gold["gold_at_n:4"], new OveroptimisationMetric().Compute(outcomes, manifest).Single().Value, 12);
    }
}
