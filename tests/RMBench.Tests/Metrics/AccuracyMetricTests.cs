using RMBench.Core.Metrics;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.Metrics;

public class AccuracyMetricTests
{
    private static Dictionary<string, MetricValue> Compute(IEnumerable<RMBench.Core.Suites.ItemOutcome> outcomes) =>
        new AccuracyMetric().Compute(outcomes.ToList(), Manifest()).ToDictionary(v => v.Key);

    [Fact]
    public void Micro_and_macro_differ_as_computed_by_hand()
    {
        // Subset A: 3 of 4 correct; subset B: 0 of 2. Micro = 3/6 = 0.5; macro = (0.75 + 0) / 2 = 0.375.
        var values = Compute([.. Subset("A", 1, 1, 1, 0), .. Subset("B", 0, 0)]);
        Assert.Equal(0.5, values["accuracy"].Value, 12);
        Assert.Equal(6, values["accuracy"].N);
        Assert.Equal("Accuracy (micro, all items)", values["accuracy"].Label);
        Assert.Equal(0.375, values["macro"].Value, 12);
        Assert.Equal(6, values["macro"].N);
        Assert.Equal("Accuracy (macro, mean of subsets)", values["macro"].Label);
        Assert.Equal(0.75, values["subset:A"].Value, 12);
        Assert.Equal(4, values["subset:A"].N);
        Assert.Equal(0.0, values["subset:B"].Value, 12);
        Assert.Equal(2, values["subset:B"].N);
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void Fractional_outcomes_and_invalid_items_are_averaged_as_values()
    {
        // A tie at 0.5, a best-of-4 tie at 1/3, an invalid item at 0, a correct one: (0.5 + 1/3 + 0 + 1) / 4.
        var values = Compute(
        [
            Item("a", "S", 0.5, ties: 1), Item("b", "S", 1.0 / 3, ties: 2), Item("c", "S", 0, invalid: true), Item("d", "S", 1),
        ]);
        Assert.Equal((0.5 + 1.0 / 3 + 1) / 4, values["accuracy"].Value, 12);
    }

    [Fact]
    public void No_outcomes_give_no_values() => Assert.Empty(Compute([]));

    [Fact]
    public void Accuracy_is_the_registered_default_metric()
    {
        Assert.True(MetricEngine.Registry.TryGet("accuracy", out var metric));
        Assert.IsType<AccuracyMetric>(metric);
        Assert.True(metric.IsDefault);
        Assert.True(MetricEngine.Registry.TryGet("sections", out var sections));
        Assert.IsType<SectionsMetric>(sections);
    }
}
