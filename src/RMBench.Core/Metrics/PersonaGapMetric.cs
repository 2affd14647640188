using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// The persona gap of Personalized RewardBench: accuracy with the user's persona in the conversation minus
/// accuracy on the same pairs with the persona removed (<see cref="PairwiseKind.NoPersonaExtra"/>), over the
/// items that have a persona. Positive: the model uses the stated preferences. Keys: "persona_gap" (micro,
/// all such items), "persona_gap_macro" (mean of the subsets' gaps), "accuracy_no_persona" (micro accuracy
/// without the persona), and "persona_gap:&lt;subset&gt;". Invalid items count 0 in both passes. Suites ask for
/// it with "metrics": ["persona_gap"].
/// </summary>
public sealed class PersonaGapMetric : ISuiteMetric
{
    public const string GapKey = "persona_gap";
    public const string MacroKey = "persona_gap_macro";
    public const string WithoutPersonaKey = "accuracy_no_persona";
    public const string SubsetPrefix = "persona_gap:";

    public string Name => "persona_gap";
    public string Description => "accuracy with the persona minus accuracy with it removed (second scoring pass), overall and per subset";
    public bool IsDefault => false;

    public static string SubsetKey(string subset) => SubsetPrefix + subset;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var bySubset = new SortedDictionary<string, (double With, double Without, int N)>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (!outcome.Extras.TryGetValue(PairwiseKind.NoPersonaExtra, out var without)) continue;
            var (w, wo, n) = bySubset.GetValueOrDefault(outcome.Subset);
            bySubset[outcome.Subset] = (w + outcome.Value, wo + without, n + 1);
        }
        if (bySubset.Count == 0) return [];
        var total = bySubset.Values.Aggregate((With: 0.0, Without: 0.0, N: 0), (a, s) => (a.With + s.With, a.Without + s.Without, a.N + s.N));
        var values = new List<MetricValue>
        {
            new(GapKey, (total.With - total.Without) / total.N, total.N) { Label = "Persona gap (accuracy with persona minus without; micro, items with a persona)" },
            new(MacroKey, bySubset.Values.Average(s => (s.With - s.Without) / s.N), total.N) { Label = "Persona gap (macro, mean of subsets)" },
            new(WithoutPersonaKey, total.Without / total.N, total.N) { Label = "Accuracy with the persona removed (micro)" },
        };
        foreach (var (subset, s) in bySubset)
            values.Add(new MetricValue(SubsetKey(subset), (s.With - s.Without) / s.N, s.N) { Label = $"Persona gap on subset {subset}" });
        return values;
    }
}
