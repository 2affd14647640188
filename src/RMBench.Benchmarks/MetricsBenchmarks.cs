using BenchmarkDotNet.Attributes;
using RMBench.Core.Metrics;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Benchmarks;

/// <summary>
/// Every default metric with its stratified cluster bootstrap (<see cref="Scale.BootstrapResamples"/>
/// resamples) on <see cref="Scale.Items"/> pairwise outcomes over 20 subsets, prompts clustered in pairs.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private IReadOnlyList<ItemOutcome> _outcomes = [];
    private readonly SuiteManifest _manifest = new()
    {
        Name = "bench",
        Datasets = [new SuiteDataset { Path = "bench.parquet", Kind = "pairwise" }],
        ManifestPath = "suites/bench/suite.json",
    };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Pcg32(3);
        _outcomes = Enumerable.Range(0, Scale.Items).Select(i =>
        {
            var subset = $"s{i % 20:D2}";
            return new ItemOutcome($"id{i:D7}", subset, $"c{i / 40}-{subset}", random.NextDouble() < 0.7 ? 1 : 0, 0, false);
        }).ToList();
    }

    [Benchmark(Description = "MetricEngine.Evaluate + bootstrap")]
    public int Evaluate() => MetricEngine.Evaluate(_outcomes, _manifest, new BootstrapOptions(1234, Scale.BootstrapResamples)).Metrics.Count;
}
