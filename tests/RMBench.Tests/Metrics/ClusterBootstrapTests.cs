using System.Diagnostics;
using RMBench.Core.Metrics;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using Xunit.Abstractions;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.Metrics;

public class ClusterBootstrapTests(ITestOutputHelper output)
{
    private static IEnumerable<MetricValue> Accuracy(BootstrapSample sample) =>
        new AccuracyMetric().Compute(sample.Totals, Manifest());

    private static IReadOnlyList<BootstrapEstimate> Run(IEnumerable<ItemOutcome> outcomes, int seed, int resamples = 500) =>
        new ClusterBootstrap(outcomes).Estimate(Accuracy, new BootstrapOptions(seed, resamples));

    [Fact]
    public void Same_seed_gives_identical_intervals_even_for_shuffled_input()
    {
        var outcomes = Random(600, subsets: 3, clusterSize: 2);
        var first = Run(outcomes, seed: 1);
        Assert.Equal(first, Run(outcomes, seed: 1));
        Assert.Equal(first, Run(Shuffled(outcomes, 5), seed: 1));
        Assert.Equal(first.Select(e => e.Key), ["accuracy", "macro", "subset:s00", "subset:s01", "subset:s02"]);
    }

    [Fact]
    public void Another_seed_gives_other_intervals()
    {
        // Fractional values, so that resampled means are (almost surely) all distinct and two seeds cannot
        // land on the same order statistics by the discreteness of 0/1 accuracies.
        var rng = new Pcg32(17);
        var outcomes = Enumerable.Range(0, 600).Select(i => Item($"i{i:D3}", $"s{i % 3}", rng.NextDouble())).ToList();
        var a = Run(outcomes, seed: 1);
        var b = Run(outcomes, seed: 2);
        Assert.Equal(a.Select(e => e.Value), b.Select(e => e.Value));
        Assert.All(a.Zip(b), pair => Assert.NotEqual((pair.First.Low, pair.First.High), (pair.Second.Low, pair.Second.High)));
    }

    [Fact]
    public void Interval_contains_the_point_estimate_and_has_a_plausible_width()
    {
        var outcomes = Random(2000, subsets: 4, clusterSize: 1);
        foreach (var estimate in Run(outcomes, seed: 3, resamples: 1000))
        {
            Assert.InRange(estimate.Value, estimate.Low, estimate.High);
            Assert.Equal(1000, estimate.Resamples);
        }
        // Binomial: p ~ 0.7, n = 2000 -> standard error ~ 0.0102, 95% half-width ~ 0.020.
        var micro = Run(outcomes, seed: 3, resamples: 1000).Single(e => e.Key == "accuracy");
        Assert.InRange(micro.High - micro.Low, 0.03, 0.05);
    }

    [Fact]
    public void Interval_is_widened_to_reach_a_point_estimate_outside_the_percentiles()
    {
        // Share of distinct clusters: exactly 1 on the observed sample, about 0.63 on every resample.
        var outcomes = Subset("S", Enumerable.Repeat(1.0, 200).ToArray()).ToList();
        var estimate = new ClusterBootstrap(outcomes).Estimate(
            sample => [new MetricValue("distinct", sample.Outcomes.Select(o => o.Cluster).Distinct().Count() / 200.0, 200)],
            new BootstrapOptions(Seed: 4, Resamples: 300)).Single();
        Assert.Equal(1.0, estimate.Value);
        Assert.Equal(1.0, estimate.High);
        Assert.InRange(estimate.Low, 0.55, 0.7);
    }

    [Fact]
    public void A_single_cluster_gives_a_degenerate_interval_however_its_items_vary()
    {
        // All items share one prompt: every resample draws that cluster, so the estimate cannot move.
        // (Resampling items instead would give a wide interval around 0.5.)
        var outcomes = new[] { 1.0, 0, 1, 0, 1, 0, 1, 0 }.Select((v, i) => Item($"i{i}", "S", v, cluster: "prompt")).ToList();
        var micro = Run(outcomes, seed: 5).Single(e => e.Key == "accuracy");
        Assert.Equal((0.5, 0.5, 0.5), (micro.Low, micro.Value, micro.High));
    }

    [Fact]
    public void Items_of_a_cluster_move_together()
    {
        // Two prompts of 50 items each: one answered all right, one all wrong. Cluster resampling can only
        // give 0, 0.5 or 1 (each with probability 1/4, 1/2, 1/4), so the 95% interval is [0, 1].
        var outcomes = Enumerable.Range(0, 100)
            .Select(i => Item($"i{i:D3}", "S", i < 50 ? 1 : 0, cluster: i < 50 ? "right" : "wrong")).ToList();
        var seen = new HashSet<double>();
        var estimates = new ClusterBootstrap(outcomes).Estimate(sample =>
        {
            // Every item of a cluster appears as often as the others of that cluster.
            var copies = sample.Outcomes.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Count());
            foreach (var cluster in outcomes.GroupBy(o => o.Cluster))
                Assert.Single(cluster.Select(o => copies.GetValueOrDefault(o.Id)).Distinct());
            var values = Accuracy(sample).ToList();
            seen.Add(values[0].Value);
            return values;
        }, new BootstrapOptions(Seed: 6, Resamples: 400));
        Assert.Equal(new HashSet<double> { 0, 0.5, 1 }, seen);
        var micro = estimates.Single(e => e.Key == "accuracy");
        Assert.Equal((0.0, 0.5, 1.0), (micro.Low, micro.Value, micro.High));
    }

    [Fact]
    public void Resampling_is_stratified_by_subset()
    {
        // Singleton clusters: each subset keeps exactly its item count in every resample.
        var outcomes = new List<ItemOutcome>([.. Subset("A", 1, 0, 1, 1, 0), .. Subset("B", 1, 1), .. Subset("C", 0)]);
        var observed = new ClusterBootstrap(outcomes);
        Assert.Equal(8, observed.ClusterCount);
        observed.Estimate(sample =>
        {
            Assert.Equal([5, 2, 1], Enumerable.Range(0, sample.Totals.Count).Select(sample.Totals.Items));
            Assert.Equal(8, sample.Outcomes.Count);
            Assert.Equal(0.0, sample.Totals.Mean(sample.Totals.IndexOf("C")));
            return Accuracy(sample);
        }, new BootstrapOptions(Seed: 8, Resamples: 100));
    }

    [Fact]
    public void A_sample_cannot_be_used_after_its_statistic_returned()
    {
        BootstrapSample? kept = null;
        new ClusterBootstrap(Subset("A", 1, 0)).Estimate(sample => { kept = sample; return Accuracy(sample); }, new BootstrapOptions(Resamples: 2));
        Assert.Throws<InvalidOperationException>(() => kept!.Outcomes);
    }

    [Fact]
    public void Zero_resamples_give_the_point_as_interval_and_bad_options_are_refused()
    {
        var estimate = Run(Subset("A", 1, 0, 0), seed: 1, resamples: 0).First();
        Assert.Equal((1.0 / 3, 1.0 / 3), (estimate.Low, estimate.High));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterBootstrap(Subset("A", 1)).Estimate(Accuracy, new BootstrapOptions(Resamples: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterBootstrap(Subset("A", 1)).Estimate(Accuracy, new BootstrapOptions(Confidence: 1)));
    }

    [Fact]
    public void Quantiles_interpolate_linearly_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(2.5, ClusterBootstrap.Quantile(sorted, 0.5));
        Assert.Equal(1.075, ClusterBootstrap.Quantile(sorted, 0.025), 12);
        Assert.Equal(3.925, ClusterBootstrap.Quantile(sorted, 0.975), 12);
        Assert.Equal(4, ClusterBootstrap.Quantile(sorted, 1));
    }

    [Fact]
    public void Hundred_thousand_outcomes_and_a_thousand_resamples_take_seconds()
    {
        var outcomes = Random(100_000, subsets: 20, clusterSize: 2);
        var manifest = Manifest(Sections(
            ("First", [.. Enumerable.Range(0, 10).Select(i => ($"s{i:D2}", (double?)null))]),
            ("Second", [.. Enumerable.Range(10, 10).Select(i => ($"s{i:D2}", (double?)100))])));
        var watch = Stopwatch.StartNew();
        var result = MetricEngine.Evaluate(outcomes, manifest, new BootstrapOptions(Seed: 1, Resamples: 1000));
        watch.Stop();
        output.WriteLine($"100k outcomes x 1000 resamples: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(2 + 2 + 1 + 20, result.Metrics.Count);
        Assert.All(result.Metrics, m => Assert.InRange(m.Value, m.CiLow, m.CiHigh));
        // Generous bound for a busy 2-core CI machine; typically well under a second.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
