using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Plugins;
using RMBench.Core.Suites;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.Metrics;

public class MetricEngineTests
{
    private static readonly BootstrapOptions Quick = new(Seed: 42, Resamples: 200);

    private static List<ItemOutcome> Example() =>
    [
        .. Subset("chat-b", 1, 1, 0, 1),
        .. Subset("chat-a", 1, 0),
        .. Subset("hard", 0, 0, 1),
        .. Subset("loose", 1, 1),
        Item("t1", "hard", 0.5, ties: 1),
        Item("t2", "hard", 0, invalid: true),
    ];

    private static SuiteManifest WithSections(IReadOnlyList<string>? metrics = null) => Manifest(
        Sections(("Chat", [("chat-b", null), ("chat-a", null)]), ("Hard", [("hard", null)])), metrics);

    [Fact]
    public void Metrics_are_ordered_accuracy_macro_sections_overall_subsets()
    {
        var result = MetricEngine.Evaluate(Example(), WithSections(), Quick);
        Assert.Equal(
            ["accuracy", "macro", "section:Chat", "section:Hard", "overall", "subset:chat-a", "subset:chat-b", "subset:hard", "subset:loose"],
            result.Metrics.Select(m => m.Key));
        Assert.Equal(["chat-a", "chat-b", "hard", "loose"], result.Subsets.Select(s => s.Name));
        Assert.Equal(["Chat", "Chat", "Hard", null], result.Subsets.Select(s => s.Section));
    }

    [Fact]
    public void Values_counts_and_subset_table_match_hand_computation()
    {
        var result = MetricEngine.Evaluate(Example(), WithSections(), Quick);
        var byKey = result.Metrics.ToDictionary(m => m.Key);
        // 13 items, sum = 3 + 1 + 1 + 2 + 0.5 + 0 = 7.5.
        Assert.Equal(7.5 / 13, byKey["accuracy"].Value, 12);
        Assert.Equal(13, byKey["accuracy"].N);
        // Subsets: chat-a 1/2, chat-b 3/4, hard 1.5/5, loose 2/2.
        Assert.Equal((0.5 + 0.75 + 0.3 + 1) / 4, byKey["macro"].Value, 12);
        Assert.Equal(4.0 / 6, byKey["section:Chat"].Value, 12);
        Assert.Equal(6, byKey["section:Chat"].N);
        Assert.Equal(0.3, byKey["section:Hard"].Value, 12);
        Assert.Equal((4.0 / 6 + 0.3) / 2, byKey["overall"].Value, 12);
        Assert.Equal(11, byKey["overall"].N);
        Assert.Equal("Accuracy (micro, all items)", byKey["accuracy"].Label);

        var hard = result.Subsets.Single(s => s.Name == "hard");
        Assert.Equal(new[] { 5, 1, 1 }, new[] { hard.Items, hard.Ties, hard.Invalid });
        Assert.Equal(0.3, hard.Accuracy, 12);
        Assert.Equal((byKey["subset:hard"].CiLow, byKey["subset:hard"].CiHigh), (hard.CiLow, hard.CiHigh));
        Assert.All(result.Metrics, m => Assert.True(m.CiLow <= m.Value && m.Value <= m.CiHigh, m.Key));
    }

    [Fact]
    public void Without_sections_there_is_no_section_or_overall_key()
    {
        var result = MetricEngine.Evaluate(Example(), Manifest(), Quick);
        Assert.Equal(["accuracy", "macro", "subset:chat-a", "subset:chat-b", "subset:hard", "subset:loose"], result.Metrics.Select(m => m.Key));
        Assert.All(result.Subsets, s => Assert.Null(s.Section));
    }

    [Fact]
    public void Same_seed_gives_identical_results_in_any_input_order()
    {
        var first = MetricEngine.Evaluate(Example(), WithSections(), Quick);
        var second = MetricEngine.Evaluate(Shuffled(Example(), 99), WithSections(), Quick);
        Assert.Equal(first.Metrics, second.Metrics);
        Assert.Equal(first.Subsets, second.Subsets);
    }

    [Fact]
    public void Unknown_metric_name_is_invalid_input_with_a_suggestion()
    {
        var error = Assert.Throws<InputException>(() =>
            MetricEngine.Evaluate(Example(), Manifest(metrics: ["acuracy", "zzzzzzzzzz"]), Quick));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("Did you mean 'accuracy'?", error.Problems[0].Message);
        Assert.Equal("suites/test-suite/suite.json", error.Problems[0].Source);
    }

    [Fact]
    public void Named_metric_runs_on_resampled_outcomes_after_the_summary_keys()
    {
        var registry = new Registry<ISuiteMetric>([new AccuracyMetric(), new SectionsMetric(), new TieRate()], m => m.Name, "metric");
        var result = MetricEngine.Evaluate(Example(), WithSections(["tie-rate", "accuracy"]), Quick, registry);
        Assert.Equal(["accuracy", "macro", "section:Chat", "section:Hard", "overall", "tie-rate", "subset:chat-a"],
            result.Metrics.Take(7).Select(m => m.Key));
        var tieRate = result.Metrics.Single(m => m.Key == "tie-rate");
        Assert.Equal(1.0 / 13, tieRate.Value, 12);
        Assert.Equal("Share of items with a tie", tieRate.Label);
        Assert.Equal(0, tieRate.CiLow);
        Assert.True(tieRate.CiHigh > tieRate.Value);

        // Without being named, a non-default metric does not run.
        Assert.DoesNotContain(MetricEngine.Evaluate(Example(), WithSections(), Quick, registry).Metrics, m => m.Key == "tie-rate");
    }

    [Fact]
    public void Two_metrics_producing_the_same_key_is_a_bug_that_names_both()
    {
        var registry = new Registry<ISuiteMetric>([new AccuracyMetric(), new Impostor()], m => m.Name, "metric");
        var error = Assert.Throws<InvalidOperationException>(() =>
            MetricEngine.Evaluate(Example(), Manifest(metrics: ["impostor"]), Quick, registry));
        Assert.Contains("'accuracy' and 'impostor'", error.Message);
    }

    [Fact]
    public void No_outcomes_give_empty_results()
    {
        var result = MetricEngine.Evaluate([], WithSections(), Quick);
        Assert.Empty(result.Metrics);
        Assert.Empty(result.Subsets);
    }

    /// <summary>A generic (non subset-additive) metric; internal so plugin discovery does not pick it up.</summary>
    internal sealed class TieRate : ISuiteMetric
    {
        public string Name => "tie-rate";
        public string Description => "share of items with at least one tie";
        public bool IsDefault => false;

        public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
            [new MetricValue("tie-rate", outcomes.Count(o => o.Ties > 0) / (double)outcomes.Count, outcomes.Count) { Label = "Share of items with a tie" }];
    }

    internal sealed class Impostor : ISuiteMetric
    {
        public string Name => "impostor";
        public string Description => "claims the accuracy key";
        public bool IsDefault => false;

        public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
            [new MetricValue("accuracy", 0, outcomes.Count)];
    }
}
