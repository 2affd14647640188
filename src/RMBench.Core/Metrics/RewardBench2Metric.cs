using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// RewardBench 2's headline: "rewardbench2" = the unweighted mean of its subset scores, where a subset's
/// score is its accuracy (best-of-n: 1/k among k answers tied at the top) and the ties subset's score is
/// the Ties score (<see cref="TiesMetric"/>). The subsets are the manifest option "rewardbench2_subsets"
/// (a list of subset names), by default RewardBench 2's own: Factuality, Precise IF, Math, Safety, Focus,
/// Ties. Subsets absent from the data are skipped; no value when none is present. It does not touch the
/// RewardBench v1 sections or "overall", so a suite can report both.
/// </summary>
public sealed class RewardBench2Metric : ISuiteMetric
{
    public const string Key = "rewardbench2";
    public const string SubsetsOption = "rewardbench2_subsets";
    public static readonly IReadOnlyList<string> UpstreamSubsets = ["Factuality", "Precise IF", "Math", "Safety", "Focus", "Ties"];

    public string Name => "rewardbench2";
    public string Description => "RewardBench 2 score: mean of its subsets' accuracies, with the Ties score for the ties subset";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var subsets = Subsets(manifest);
        var source = TiesMetric.SourceOf(manifest);
        var totals = SubsetTotals.From(outcomes);
        var scores = new List<double>(subsets.Count);
        var present = new List<string>(subsets.Count);
        var items = 0;
        foreach (var subset in subsets)
        {
            var s = totals.IndexOf(subset);
            if (s < 0 || totals.Items(s) == 0) continue;
            var score = TiesMetric.IsTiesSubset(subset)
                ? TiesMetric.Score(outcomes.Where(o => o.Subset == subset), source)?.Ties ?? double.NaN
                : totals.Mean(s);
            if (!double.IsFinite(score)) continue;
            scores.Add(score);
            present.Add(subset);
            items += totals.Items(s);
        }
        if (scores.Count == 0) return [];
        return [new MetricValue(Key, scores.Average(), items) { Label = $"RewardBench 2 score (mean of {string.Join(", ", present)})" }];
    }

    /// <summary>The manifest's RewardBench 2 subsets (option "rewardbench2_subsets"), or RewardBench 2's own names.</summary>
    public static IReadOnlyList<string> Subsets(SuiteManifest manifest)
    {
        if (!manifest.Options.TryGetValue(SubsetsOption, out var value)) return UpstreamSubsets;
        var source = TiesMetric.SourceOf(manifest);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
            throw new InputException(source, $"field 'options.{SubsetsOption}' must be a non-empty list of subset names.");
        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
