using RMBench.Core.Errors;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// RewardBench-style sections, computed whenever the manifest declares "sections" (nothing otherwise):
/// "section:&lt;Name&gt;" = weighted mean of its subsets' accuracies (weight = the manifest's count, or the
/// observed item count when null; subsets absent from the data are skipped, a section with none present
/// is left out) and "overall" = mean of the present sections. See <see cref="SectionScoring"/>.
/// </summary>
public sealed class SectionsMetric : ISubsetTotalsMetric
{
    public const string SectionPrefix = "section:";
    public const string OverallKey = "overall";
    public const string OverallLabel = "Overall (mean of sections)";

    public string Name => "sections";
    public string Description => "RewardBench-style section scores (count-weighted subset accuracies) and overall = mean of sections";
    public bool IsDefault => true;

    public static string SectionKey(string section) => SectionPrefix + section;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
        Compute(SubsetTotals.From(outcomes), manifest);

    public IReadOnlyList<MetricValue> Compute(SubsetTotals totals, SuiteManifest manifest)
    {
        if (manifest.Sections is not { Count: > 0 } sections) return [];
        Validate(manifest);
        var accuracy = new Dictionary<string, double>(totals.Count, StringComparer.Ordinal);
        var items = new Dictionary<string, int>(totals.Count, StringComparer.Ordinal);
        for (var s = 0; s < totals.Count; s++)
        {
            if (totals.Items(s) == 0) continue;
            accuracy[totals.Names[s]] = totals.Mean(s);
            items[totals.Names[s]] = totals.Items(s);
        }
        var summary = SectionScoring.Compute(sections, accuracy, items);
        var values = new List<MetricValue>(summary.Sections.Count + 1);
        foreach (var section in summary.Sections)
            values.Add(new MetricValue(SectionKey(section.Name), section.Value, section.Items)
            {
                Label = $"{section.Name} (section, count-weighted mean of subsets)",
            });
        if (summary.Overall is { } overall)
            values.Add(new MetricValue(OverallKey, overall, summary.OverallItems) { Label = OverallLabel });
        return values;
    }

    /// <summary>Invalid input when the manifest's sections map is malformed (all problems at once).</summary>
    public static void Validate(SuiteManifest manifest)
    {
        if (manifest.Sections is not { Count: > 0 } sections) return;
        var source = string.IsNullOrEmpty(manifest.ManifestPath) ? manifest.Name : manifest.ManifestPath;
        var problems = SectionScoring.Problems(sections).Select(p => new InputProblem(source, $"field 'sections': {p}")).ToList();
        if (problems.Count > 0) throw new InputException(problems);
    }
}
