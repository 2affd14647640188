using RMBench.Core.Metrics;
using RMBench.Core.Plugins;
using RMBench.Core.Results;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Gate;

/// <summary>
/// The number a suite is gated on, recomputed from item outcomes: the suite's headline metric (run.json
/// "headline": "accuracy", or "overall" for sectioned suites...). It is found by asking every registered
/// metric for that key on the baseline's outcomes with a manifest rebuilt from run.json (name, datasets,
/// sections, headline). When no metric gives the key (e.g. it needs manifest options run.json does not
/// keep), the gate falls back to micro accuracy and says so.
/// </summary>
public sealed class GateMetric
{
    private readonly ISuiteMetric _metric;
    private readonly SuiteManifest _manifest;

    private GateMetric(ISuiteMetric metric, SuiteManifest manifest, string key, string label)
    {
        _metric = metric;
        _manifest = manifest;
        Key = key;
        Label = label;
    }

    public string Key { get; }
    public string Label { get; }

    /// <summary>Micro accuracy: the mean of the item values, the one metric the exact McNemar test applies to.</summary>
    public bool IsMicroAccuracy => Key == AccuracyMetric.MicroKey;

    /// <summary>Whether the metric depends on outcomes only through per-subset sums (fast bootstrap).</summary>
    public bool UsesTotals => _metric is ISubsetTotalsMetric;

    /// <param name="note">Set when the headline could not be recomputed and accuracy is gated instead.</param>
    public static GateMetric Resolve(SuiteResult suite, IReadOnlyList<ItemOutcome> outcomes, Registry<ISuiteMetric> registry, out string? note)
    {
        var manifest = new SuiteManifest
        {
            Name = suite.Name,
            Datasets = suite.Datasets.Select(d => new SuiteDataset { Path = d.Path, Kind = d.Kind }).ToList(),
            Sections = suite.Sections,
            Headline = suite.Headline,
        };
        string LabelOf(string key) => suite.Metrics.FirstOrDefault(m => m.Key == key)?.Label ?? key;
        note = null;
        if (suite.Headline == AccuracyMetric.MicroKey) return new GateMetric(new AccuracyMetric(), manifest, suite.Headline, LabelOf(suite.Headline));
        foreach (var metric in registry.All)
        {
            IReadOnlyList<MetricValue> values;
            try { values = metric.Compute(outcomes, manifest); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                continue; // a metric that needs settings run.json does not keep (e.g. manifest options)
            }
            if (values.Any(v => v.Key == suite.Headline && double.IsFinite(v.Value)))
                return new GateMetric(metric, manifest, suite.Headline, LabelOf(suite.Headline));
        }
        note = $"headline '{suite.Headline}' cannot be recomputed from outcomes.parquet; gating micro accuracy instead";
        return new GateMetric(new AccuracyMetric(), manifest, AccuracyMetric.MicroKey, LabelOf(AccuracyMetric.MicroKey));
    }

    /// <summary>The metric on a list of outcomes (a resample may repeat items); null when undefined.</summary>
    public double? Compute(IReadOnlyList<ItemOutcome> outcomes) => Pick(_metric.Compute(outcomes, _manifest));

    /// <summary>The metric on per-subset totals; only for <see cref="UsesTotals"/> metrics.</summary>
    public double? Compute(SubsetTotals totals) => Pick(((ISubsetTotalsMetric)_metric).Compute(totals, _manifest));

    private double? Pick(IReadOnlyList<MetricValue> values)
    {
        foreach (var value in values)
            if (value.Key == Key) return double.IsFinite(value.Value) ? value.Value : null;
        return null;
    }
}
