using RMBench.Core.Metrics;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Tests.Metrics;

public class OutcomeSetTests
{
    private static readonly SuiteManifest Manifest = new()
    {
        Name = "s",
        Datasets = [new SuiteDataset { Path = "s.parquet", Kind = "pairwise" }],
        ManifestPath = "suites/s/suite.json",
    };

    /// <summary>Outcomes over four subsets, prompts shared by three items, values including thirds (not exact in binary).</summary>
    private static List<ItemOutcome> Outcomes()
    {
        var random = new Pcg32(5);
        return [.. Enumerable.Range(0, 900).Select(i => new ItemOutcome($"id{i}", $"s{i / 3 % 4}", $"prompt{i / 3}",
            random.NextInt(3) / 3.0, i % 17 == 0 ? 1 : 0, i % 101 == 0))];
    }

    [Fact]
    public void Columns_alone_give_the_metrics_and_intervals_of_the_kept_outcomes()
    {
        var outcomes = Outcomes();
        var bootstrap = new BootstrapOptions(11, 300);

        var kept = MetricEngine.Evaluate(OutcomeSet.Of(outcomes), Manifest, bootstrap);
        var columns = MetricEngine.Evaluate(OutcomeSet.Of(outcomes, keepOutcomes: false), Manifest, bootstrap);

        Assert.Equal(kept.Metrics, columns.Metrics);
        Assert.Equal(kept.Subsets, columns.Subsets);
    }

    [Fact]
    public void Columns_in_any_input_order_give_identical_intervals()
    {
        var outcomes = Outcomes();
        var shuffled = outcomes.OrderBy(o => OutcomeSet.IdHash(o.Id + "shuffle")).ToList();
        var bootstrap = new BootstrapOptions(11, 300);

        var a = MetricEngine.Evaluate(OutcomeSet.Of(outcomes, keepOutcomes: false), Manifest, bootstrap);
        var b = MetricEngine.Evaluate(OutcomeSet.Of(shuffled, keepOutcomes: false), Manifest, bootstrap);

        Assert.Equal(a.Metrics, b.Metrics);
        Assert.NotEqual(outcomes.Select(o => o.Id), shuffled.Select(o => o.Id));
    }

    [Fact]
    public void A_statistic_that_needs_whole_outcomes_is_refused_when_only_columns_were_kept()
    {
        var bootstrap = new ClusterBootstrap(OutcomeSet.Of(Outcomes(), keepOutcomes: false));

        Assert.Throws<InvalidOperationException>(() => bootstrap.Outcomes);
        Assert.Equal(300, bootstrap.ClusterCount); // 900 items, three to a prompt
    }

    [Fact]
    public void Suites_with_only_subset_additive_metrics_keep_no_whole_outcomes()
    {
        Assert.False(MetricEngine.NeedsOutcomes(Manifest));
        Assert.True(MetricEngine.NeedsOutcomes(Manifest with { Metrics = ["length_correlation"] }));
    }
}
