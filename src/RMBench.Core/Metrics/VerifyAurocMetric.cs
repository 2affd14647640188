using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// "verify_auroc" (key "verify:auroc"): threshold-free separation of correct from incorrect completions over
/// every verify item with a finite score: the probability that a random correct completion scores above a
/// random incorrect one, ties counting 1/2 (Mann-Whitney form, <see cref="Ranks.Auroc"/>). 0.5 = chance.
/// </summary>
public sealed class VerifyAurocMetric : ISuiteMetric
{
    public const string Key = "verify:auroc";

    public string Name => "verify_auroc";
    public string Description => "AUROC of scores for correct vs incorrect completions (ties count 1/2)";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var points = VerifyPoint.From(outcomes).Where(p => p.Score is not null).ToList();
        var auroc = Ranks.Auroc(points.Select(p => p.Score!.Value).ToList(), points.Select(p => p.Label).ToList());
        return double.IsFinite(auroc) ? [new MetricValue(Key, auroc, points.Count) { Label = "AUROC, correct vs incorrect completions" }] : [];
    }
}
