using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// Accuracy, always computed: "accuracy" = micro mean over all items, "macro" = unweighted mean of the
/// subset means, "subset:&lt;name&gt;" = each subset's mean. An item's value is its outcome (1, 0, or a fraction
/// for ties); invalid items count 0.
/// </summary>
public sealed class AccuracyMetric : ISubsetTotalsMetric
{
    public const string MicroKey = "accuracy";
    public const string MacroKey = "macro";
    public const string SubsetPrefix = "subset:";
    public const string MicroLabel = "Accuracy (micro, all items)";
    public const string MacroLabel = "Accuracy (macro, mean of subsets)";

    public string Name => "accuracy";
    public string Description => "micro accuracy over all items, macro accuracy (mean of subsets), and accuracy per subset";
    public bool IsDefault => true;

    public static string SubsetKey(string subset) => SubsetPrefix + subset;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
        Compute(SubsetTotals.From(outcomes), manifest);

    public IReadOnlyList<MetricValue> Compute(SubsetTotals totals, SuiteManifest manifest)
    {
        if (totals.TotalItems == 0) return [];
        var values = new List<MetricValue>(totals.Count + 2)
        {
            new(MicroKey, totals.TotalSum / totals.TotalItems, totals.TotalItems) { Label = MicroLabel },
        };
        double macro = 0;
        var present = 0;
        for (var s = 0; s < totals.Count; s++)
        {
            if (totals.Items(s) == 0) continue;
            macro += totals.Mean(s);
            present++;
        }
        values.Add(new MetricValue(MacroKey, macro / present, totals.TotalItems) { Label = MacroLabel });
        for (var s = 0; s < totals.Count; s++)
        {
            if (totals.Items(s) == 0) continue;
            var name = totals.Names[s];
            values.Add(new MetricValue(SubsetKey(name), totals.Mean(s), totals.Items(s)) { Label = $"Accuracy on subset {name}" });
        }
        return values;
    }
}
