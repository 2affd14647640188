using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// "length_split": pairwise accuracy split by which answer is longer (characters, from the pairwise
/// <see cref="ResponseExtras"/>): "length_split:chosen_longer", "length_split:chosen_shorter" and
/// "length_split:equal_length" (each the mean outcome over those pairs; invalid pairs count 0). A model
/// that prefers length scores high on the first and low on the second. A group without pairs has no value.
/// </summary>
public sealed class LengthSplitMetric : ISuiteMetric
{
    public const string Prefix = "length_split:";
    public const string LongerKey = Prefix + "chosen_longer";
    public const string ShorterKey = Prefix + "chosen_shorter";
    public const string EqualKey = Prefix + "equal_length";
    private const string ChosenChars = ResponseExtras.CharsPrefix + "chosen";
    private const string RejectedChars = ResponseExtras.CharsPrefix + "rejected";

    public string Name => "length_split";
    public string Description => "pairwise accuracy where the chosen answer is longer, shorter, or as long as the rejected one";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var sums = new double[3];
        var counts = new int[3];
        foreach (var outcome in outcomes)
        {
            if (!outcome.Extras.TryGetValue(ChosenChars, out var chosen) || !outcome.Extras.TryGetValue(RejectedChars, out var rejected)) continue;
            var group = chosen > rejected ? 0 : chosen < rejected ? 1 : 2;
            sums[group] += outcome.Value;
            counts[group]++;
        }
        string[] keys = [LongerKey, ShorterKey, EqualKey];
        string[] labels = ["Accuracy where the chosen answer is longer", "Accuracy where the chosen answer is shorter", "Accuracy where both answers are equally long"];
        var values = new List<MetricValue>();
        for (var g = 0; g < 3; g++)
            if (counts[g] > 0) values.Add(new MetricValue(keys[g], sums[g] / counts[g], counts[g]) { Label = labels[g] });
        return values;
    }
}
