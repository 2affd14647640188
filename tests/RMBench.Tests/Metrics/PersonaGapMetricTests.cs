using RMBench.Core.Metrics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Metrics;

public class PersonaGapMetricTests
{
    private static ItemOutcome Item(string id, string subset, double with, double? without) =>
        Outcomes.Item(id, subset, with) with
        {
            Extras = without is { } w ? new Dictionary<string, double> { [PairwiseKind.NoPersonaExtra] = w } : new Dictionary<string, double>(),
        };

    [Fact]
    public void The_gap_is_accuracy_with_minus_without_overall_macro_and_per_subset()
    {
        // format: with 1,1,1,0 = 0.75; without 0,1,0,0 = 0.25; gap 0.5.
        // length: with 1,0 = 0.5; without 1,1 = 1.0; gap -0.5.
        // micro over 6 items: with 4/6, without 3/6, gap 1/6. macro: (0.5 + -0.5) / 2 = 0.
        // The plain item (no extra) is left out.
        IReadOnlyList<ItemOutcome> outcomes =
        [
            Item("f1", "format", 1, 0), Item("f2", "format", 1, 1), Item("f3", "format", 1, 0), Item("f4", "format", 0, 0),
            Item("l1", "length", 1, 1), Item("l2", "length", 0, 1),
            Item("p1", "plain", 1, null),
        ];

        var values = new PersonaGapMetric().Compute(outcomes, Outcomes.Manifest()).ToDictionary(v => v.Key);

        Assert.Equal(1.0 / 6, values["persona_gap"].Value, 12);
        Assert.Equal(6, values["persona_gap"].N);
        Assert.Equal(0.0, values["persona_gap_macro"].Value, 12);
        Assert.Equal(0.5, values["accuracy_no_persona"].Value, 12);
        Assert.Equal(0.5, values["persona_gap:format"].Value, 12);
        Assert.Equal(-0.5, values["persona_gap:length"].Value, 12);
        Assert.False(values.ContainsKey("persona_gap:plain"));
    }

    [Fact]
    public void Without_persona_items_the_metric_gives_no_values()
    {
        Assert.Empty(new PersonaGapMetric().Compute([Item("p1", "plain", 1, null)], Outcomes.Manifest()));
    }

    [Fact]
    public void The_engine_bootstraps_the_gap_with_an_interval_around_it()
    {
        var outcomes = Enumerable.Range(0, 40).Select(i => Item($"i{i:D2}", i % 2 == 0 ? "a" : "b", i % 4 == 0 ? 0 : 1, i % 3 == 0 ? 1 : 0)).ToList();

        var metrics = MetricEngine.Evaluate(outcomes, Outcomes.Manifest(metrics: ["persona_gap"]), new BootstrapOptions(Resamples: 200));

        var gap = metrics.Metrics.Single(m => m.Key == "persona_gap");
        // with: 30 of 40 (i % 4 != 0); without: 14 of 40 (i % 3 == 0) -> gap 16/40.
        Assert.Equal(0.4, gap.Value, 12);
        Assert.True(gap.CiLow < gap.Value && gap.Value < gap.CiHigh, $"[{gap.CiLow}, {gap.CiHigh}]");
    }
}
