using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>One named number a metric produces (e.g. key "subset:chat-easy", "section:Chat", "overall").</summary>
/// <param name="N">Number of items behind the value.</param>
public sealed record MetricValue(string Key, double Value, int N)
{
    /// <summary>Human label for reports (e.g. "Accuracy (micro, all items)"); the key when null.</summary>
    public string? Label { get; init; }
}

/// <summary>
/// A metric over a suite's item outcomes: a pure function, so the runner can bootstrap it by recomputing
/// on resampled outcomes. Register one by adding a public class implementing this interface; suites ask
/// for it by name in suite.json "metrics" (kinds' defaults are always computed).
/// <para>
/// Under the bootstrap, <see cref="Compute"/> sees resampled outcomes in which an item (same id) can
/// appear several times: count each entry as a separate item. Return no value for a key that is
/// undefined on a sample rather than NaN; non-finite values are left out of results.
/// </para>
/// </summary>
public interface ISuiteMetric
{
    string Name { get; }
    string Description { get; }

    /// <summary>Whether this metric applies without being named in the manifest (e.g. accuracy).</summary>
    bool IsDefault { get; }

    IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest);
}

/// <summary>
/// A metric that depends on the outcomes only through each subset's item count and value sum (micro and
/// macro accuracy, per-subset accuracy, sections). The bootstrap evaluates it from per-subset totals,
/// without materialising resampled outcome lists. Its <see cref="ISuiteMetric.Compute"/> must equal
/// <see cref="Compute(SubsetTotals, SuiteManifest)"/> of <see cref="SubsetTotals.From"/>.
/// </summary>
public interface ISubsetTotalsMetric : ISuiteMetric
{
    IReadOnlyList<MetricValue> Compute(SubsetTotals totals, SuiteManifest manifest);
}
