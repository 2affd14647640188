using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>Bootstrap settings: seeded, resampling clusters (prompts) within each subset.</summary>
public sealed record BootstrapOptions(int Seed = 1234, int Resamples = 1000, double Confidence = 0.95);

/// <summary>A suite's metric values with intervals, and its per-subset table.</summary>
public sealed record SuiteMetrics(IReadOnlyList<MetricResult> Metrics, IReadOnlyList<SubsetResult> Subsets);

/// <summary>Computes every metric of a suite (kinds' defaults plus the manifest's) with bootstrap intervals.</summary>
public static class MetricEngine
{
    public static SuiteMetrics Evaluate(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest, BootstrapOptions bootstrap) =>
        throw new NotImplementedException();
}
