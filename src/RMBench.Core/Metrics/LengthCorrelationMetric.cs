using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// "length_correlation": Spearman's rho between score and response length in characters (code points, as
/// the length baseline counts) over every scored response of the suite, one point per item and role
/// (a response shared by two items counts twice), tied values getting average ranks. Reads the
/// <see cref="ResponseExtras"/> of pairwise and style-matrix outcomes; responses without a finite score are
/// left out. +1: the model ranks responses exactly by length. No value when scores or lengths are constant.
/// </summary>
public sealed class LengthCorrelationMetric : ISuiteMetric
{
    public const string Key = "length_correlation";

    public string Name => "length_correlation";
    public string Description => "Spearman rho between score and response length (characters) over every scored response";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var scores = new List<double>();
        var lengths = new List<double>();
        foreach (var outcome in outcomes)
            foreach (var (score, chars) in ResponseExtras.ScoredResponses(outcome))
            {
                scores.Add(score);
                lengths.Add(chars);
            }
        var rho = Ranks.Spearman(scores, lengths);
        return double.IsFinite(rho)
            ? [new MetricValue(Key, rho, scores.Count) { Label = "Spearman rho of score vs response length (all scored responses)" }]
            : [];
    }
}
