using RMBench.Core.Errors;
using RMBench.Core.Plugins;
using RMBench.Core.Results;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>Bootstrap settings: seeded, resampling clusters (prompts) within each subset.</summary>
public sealed record BootstrapOptions(int Seed = 1234, int Resamples = 1000, double Confidence = 0.95);

/// <summary>A suite's metric values with intervals, and its per-subset table.</summary>
public sealed record SuiteMetrics(IReadOnlyList<MetricResult> Metrics, IReadOnlyList<SubsetResult> Subsets);

/// <summary>Computes every metric of a suite (kinds' defaults plus the manifest's) with bootstrap intervals.</summary>
/// <remarks>
/// Metrics run: every registered default metric (accuracy; sections, which gives values only when the
/// manifest declares sections) plus those the manifest names. All are evaluated on the same cluster
/// resamples (<see cref="ClusterBootstrap"/>). Metric order: accuracy, macro, section:* (manifest order),
/// overall, other metrics' keys (in the order metrics and their keys come), then subset:* (by section in
/// manifest order, subsets without a section last, then by name). Subsets are ordered the same way.
/// </remarks>
public static class MetricEngine
{
    private static readonly Lazy<Registry<ISuiteMetric>> Discovered =
        new(() => Registry<ISuiteMetric>.Discover(m => m.Name, "metric"));

    /// <summary>All metrics in the RMBench assemblies, by name.</summary>
    public static Registry<ISuiteMetric> Registry => Discovered.Value;

    public static SuiteMetrics Evaluate(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest, BootstrapOptions bootstrap) =>
        Evaluate(outcomes, manifest, bootstrap, Registry);

    /// <summary>As <see cref="Evaluate(IReadOnlyList{ItemOutcome}, SuiteManifest, BootstrapOptions)"/> with a given metric registry.</summary>
    public static SuiteMetrics Evaluate(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest, BootstrapOptions bootstrap,
        Registry<ISuiteMetric> registry)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return Evaluate(OutcomeSet.Of(outcomes), manifest, bootstrap, registry);
    }

    /// <summary>
    /// Over a run's columnar outcomes. The set must have kept its outcomes when <see cref="NeedsOutcomes"/>
    /// says the suite's metrics need them.
    /// </summary>
    public static SuiteMetrics Evaluate(OutcomeSet outcomes, SuiteManifest manifest, BootstrapOptions bootstrap) =>
        Evaluate(outcomes, manifest, bootstrap, Registry);

    /// <summary>Whether some metric of the suite is not subset-additive and so reads whole outcomes (ids, extras).</summary>
    public static bool NeedsOutcomes(SuiteManifest manifest) => Resolve(manifest, Registry).Any(m => m is not ISubsetTotalsMetric);

    private static SuiteMetrics Evaluate(OutcomeSet outcomes, SuiteManifest manifest, BootstrapOptions bootstrap, Registry<ISuiteMetric> registry)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(registry);
        var metrics = Resolve(manifest, registry);
        SectionsMetric.Validate(manifest);
        if (outcomes.Count == 0) return new SuiteMetrics([], []);

        var sampler = new ClusterBootstrap(outcomes);
        CheckDistinctKeys(metrics, sampler, manifest);
        var estimates = sampler.Estimate(sample => Statistic(metrics, sample, manifest), bootstrap);

        var sectionOf = SectionOfSubset(manifest);
        var sectionOrder = SectionOrder(manifest);
        var subsetNames = sampler.Totals.Names
            .OrderBy(name => SectionRank(sectionOf, sectionOrder, name))
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        var subsetRank = subsetNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        var metricResults = estimates
            .Select((estimate, position) => (estimate, position))
            .OrderBy(p => Rank(p.estimate.Key, sectionOrder, subsetRank))
            .ThenBy(p => p.position)
            .Select(p => new MetricResult(p.estimate.Key, p.estimate.Observed.Label ?? p.estimate.Key, p.estimate.Value,
                p.estimate.Low, p.estimate.High, p.estimate.Observed.N))
            .ToList();

        var byKey = estimates.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var ties = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalid = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = sampler.Totals.Names;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var subset = names[outcomes.SubsetOf[i]];
            ties[subset] = ties.GetValueOrDefault(subset) + outcomes.TiesOf[i];
            invalid[subset] = invalid.GetValueOrDefault(subset) + (outcomes.InvalidOf[i] ? 1 : 0);
        }
        var subsetResults = subsetNames.Select(name =>
        {
            var totals = sampler.Totals;
            var s = totals.IndexOf(name);
            var accuracy = totals.Mean(s);
            var (low, high) = byKey.TryGetValue(AccuracyMetric.SubsetKey(name), out var e) ? (e.Low, e.High) : (accuracy, accuracy);
            return new SubsetResult(name, sectionOf.GetValueOrDefault(name), totals.Items(s), accuracy, low, high,
                ties.GetValueOrDefault(name), invalid.GetValueOrDefault(name));
        }).ToList();

        return new SuiteMetrics(metricResults, subsetResults);
    }

    /// <summary>
    /// Section scores from subset accuracies (pure; see <see cref="SectionScoring.Compute"/>).
    /// </summary>
    public static SectionSummary SectionScores(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> sections,
        IReadOnlyDictionary<string, double> subsetAccuracy,
        IReadOnlyDictionary<string, int>? subsetItems = null) =>
        SectionScoring.Compute(sections, subsetAccuracy, subsetItems);

    /// <summary>The default metrics (registry order) and then the manifest's, each once; every unknown name is reported.</summary>
    private static List<ISuiteMetric> Resolve(SuiteManifest manifest, Registry<ISuiteMetric> registry)
    {
        var metrics = registry.All.Where(m => m.IsDefault).ToList();
        var source = string.IsNullOrEmpty(manifest.ManifestPath) ? manifest.Name : manifest.ManifestPath;
        var problems = new List<InputProblem>();
        foreach (var name in manifest.Metrics)
        {
            try
            {
                var metric = registry.Get(name, source);
                if (!metrics.Contains(metric)) metrics.Add(metric);
            }
            catch (InputException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        if (problems.Count > 0) throw new InputException(problems);
        return metrics;
    }

    private static IEnumerable<MetricValue> Statistic(List<ISuiteMetric> metrics, BootstrapSample sample, SuiteManifest manifest)
    {
        foreach (var metric in metrics)
        {
            var values = metric is ISubsetTotalsMetric additive
                ? additive.Compute(sample.Totals, manifest)
                : metric.Compute(sample.Outcomes, manifest);
            foreach (var value in values) yield return value;
        }
    }

    /// <summary>Two metrics must not produce the same key; say which ones do.</summary>
    private static void CheckDistinctKeys(List<ISuiteMetric> metrics, ClusterBootstrap sampler, SuiteManifest manifest)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var values = metric is ISubsetTotalsMetric additive
                ? additive.Compute(sampler.Totals, manifest)
                : metric.Compute(sampler.Outcomes, manifest);
            foreach (var value in values)
                if (!owner.TryAdd(value.Key, metric.Name))
                    throw new InvalidOperationException(
                        $"Metrics '{owner[value.Key]}' and '{metric.Name}' both produce the key '{value.Key}'.");
        }
    }

    private static Dictionary<string, string> SectionOfSubset(SuiteManifest manifest)
    {
        var sectionOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (manifest.Sections is null) return sectionOf;
        foreach (var (section, members) in manifest.Sections)
            foreach (var subset in members.Keys)
                sectionOf.TryAdd(subset, section);
        return sectionOf;
    }

    private static Dictionary<string, int> SectionOrder(SuiteManifest manifest) =>
        (manifest.Sections?.Keys ?? []).Select((name, i) => (name, i))
            .ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    private static int SectionRank(Dictionary<string, string> sectionOf, Dictionary<string, int> sectionOrder, string subset) =>
        sectionOf.TryGetValue(subset, out var section) ? sectionOrder[section] : int.MaxValue;

    /// <summary>Sort key of a metric key: (group, position within the group).</summary>
    private static (int Group, int Position) Rank(string key, Dictionary<string, int> sectionOrder, Dictionary<string, int> subsetRank)
    {
        if (key == AccuracyMetric.MicroKey) return (0, 0);
        if (key == AccuracyMetric.MacroKey) return (1, 0);
        if (key.StartsWith(SectionsMetric.SectionPrefix, StringComparison.Ordinal)
            && sectionOrder.TryGetValue(key[SectionsMetric.SectionPrefix.Length..], out var section)) return (2, section);
        if (key == SectionsMetric.OverallKey) return (3, 0);
        if (key.StartsWith(AccuracyMetric.SubsetPrefix, StringComparison.Ordinal)
            && subsetRank.TryGetValue(key[AccuracyMetric.SubsetPrefix.Length..], out var subset)) return (5, subset);
        return (4, 0);
    }
}
