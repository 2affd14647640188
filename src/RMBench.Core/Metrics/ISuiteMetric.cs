using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>One named number a metric produces (e.g. key "subset:chat-easy", "section:Chat", "overall").</summary>
public sealed record MetricValue(string Key, double Value, int N);

/// <summary>
/// A metric over a suite's item outcomes: a pure function, so the runner can bootstrap it by recomputing
/// on resampled outcomes. Register one by adding a public class implementing this interface; suites ask
/// for it by name in suite.json "metrics" (kinds' defaults are always computed).
/// </summary>
public interface ISuiteMetric
{
    string Name { get; }
    string Description { get; }

    /// <summary>Whether this metric applies without being named in the manifest (e.g. accuracy).</summary>
    bool IsDefault { get; }

    IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest);
}
