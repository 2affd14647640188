using BenchmarkDotNet.Attributes;
using RMBench.Core.Metrics;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Benchmarks;

/// <summary>
/// Every default metric with its stratified cluster bootstrap (<see cref="Scale.BootstrapResamples"/>
/// resamples) on 100k and 1M pairwise outcomes over 20 subsets, prompts clustered in pairs: from a list of
/// outcomes (as tests and the gate call it) and from the columns a streamed run keeps (<see cref="OutcomeSet"/>).
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private IReadOnlyList<ItemOutcome> _outcomes = [];
    private OutcomeSet _columns = null!;
    private readonly SuiteManifest _manifest = new()
    {
        Name = "bench",
        Datasets = [new SuiteDataset { Path = "bench.parquet", Kind = "pairwise" }],
        ManifestPath = "suites/bench/suite.json",
    };

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    public static IEnumerable<int> Sizes => Scale.Dry ? [Scale.Items] : [100_000, 1_000_000];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Pcg32(3);
        _outcomes = Enumerable.Range(0, Items).Select(i =>
        {
            var subset = $"s{i % 20:D2}";
            return new ItemOutcome($"id{i:D7}", subset, $"c{i / 40}-{subset}", random.NextDouble() < 0.7 ? 1 : 0, 0, false);
        }).ToList();
        _columns = OutcomeSet.Of(_outcomes, keepOutcomes: false);
    }

    [Benchmark(Description = "MetricEngine.Evaluate + bootstrap (outcome list)")]
    public int Evaluate() => MetricEngine.Evaluate(_outcomes, _manifest, new BootstrapOptions(1234, Scale.BootstrapResamples)).Metrics.Count;

    [Benchmark(Description = "MetricEngine.Evaluate + bootstrap (run columns)")]
    public int EvaluateColumns() => MetricEngine.Evaluate(_columns, _manifest, new BootstrapOptions(1234, Scale.BootstrapResamples)).Metrics.Count;
}
