namespace RMBench.Core.Metrics;

/// <summary>One section's score.</summary>
/// <param name="Subsets">The section's subsets that were present, in manifest order.</param>
/// <param name="Items">Items behind the score: the given item counts of its present subsets (0 when none were given).</param>
public sealed record SectionScore(string Name, double Value, int Items, IReadOnlyList<string> Subsets);

/// <param name="Sections">Sections with at least one present subset, in manifest order.</param>
/// <param name="Overall">Mean of the present sections; null when none is present.</param>
/// <param name="OverallItems">Distinct items behind the overall score.</param>
public sealed record SectionSummary(IReadOnlyList<SectionScore> Sections, double? Overall, int OverallItems);

/// <summary>
/// RewardBench-style section scores (DESIGN.md section 5), as a pure function of subset accuracies:
/// section = sum(acc_t * w_t) / sum(w_t) over its subsets t, where w_t is the manifest weight (RewardBench's
/// example count) or, when the weight is null, the subset's observed item count. A subset missing from
/// the accuracies is skipped; a section without any present subset is left out; overall = the unweighted
/// mean of the present sections.
/// </summary>
public static class SectionScoring
{
    /// <param name="sections">Section name -> subset -> weight (null: use the observed item count).</param>
    /// <param name="subsetAccuracy">Accuracy of each present subset.</param>
    /// <param name="subsetItems">Observed item count of each present subset; needed for null weights.</param>
    public static SectionSummary Compute(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> sections,
        IReadOnlyDictionary<string, double> subsetAccuracy,
        IReadOnlyDictionary<string, int>? subsetItems = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(subsetAccuracy);
        var problems = Problems(sections).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(sections));

        var scores = new List<SectionScore>();
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var overallItems = 0;
        foreach (var (section, members) in sections)
        {
            double weighted = 0, totalWeight = 0;
            var items = 0;
            var present = new List<string>();
            foreach (var (subset, weight) in members)
            {
                if (!subsetAccuracy.TryGetValue(subset, out var accuracy)) continue;
                var observed = 0;
                if (subsetItems is not null && subsetItems.TryGetValue(subset, out var n)) observed = n;
                else if (weight is null)
                    throw new ArgumentException(
                        $"Subset '{subset}' of section '{section}' has no weight and no observed item count.", nameof(subsetItems));
                var w = weight ?? observed;
                if (w <= 0) continue; // a null-weight subset without items carries no weight
                weighted += accuracy * w;
                totalWeight += w;
                items += observed;
                present.Add(subset);
                if (counted.Add(subset)) overallItems += observed;
            }
            if (present.Count == 0) continue;
            scores.Add(new SectionScore(section, weighted / totalWeight, items, present));
        }
        double? overall = scores.Count == 0 ? null : scores.Average(s => s.Value);
        return new SectionSummary(scores, overall, scores.Count == 0 ? 0 : overallItems);
    }

    /// <summary>Problems with a sections map: empty sections, weights that are not positive finite numbers.</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> sections)
    {
        foreach (var (section, members) in sections)
        {
            if (string.IsNullOrWhiteSpace(section)) yield return "a section has an empty name.";
            if (members is null || members.Count == 0)
            {
                yield return $"section '{section}' lists no subset.";
                continue;
            }
            foreach (var (subset, weight) in members)
                if (weight is { } w && !(double.IsFinite(w) && w > 0))
                    yield return $"section '{section}', subset '{subset}': weight {w.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a positive number.";
        }
    }
}
