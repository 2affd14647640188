using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// "verify_pairwise" (key "verify:pairwise"): within-question pairwise accuracy. For each question (the
/// outcome's cluster) with both a correct and an incorrect completion, every correct x incorrect pair scores
/// 1 when the correct completion scores higher, the tie credit (0, or 0.5 under --ties half) when equal,
/// and 0 when lower or when either score is invalid; the question's value is the mean over its pairs, and
/// the metric is the mean over such questions (each question weighs the same).
/// <para>Under the bootstrap a question drawn k times appears k times (same ids): its pairs are formed among
/// its distinct completions and it counts k times.</para>
/// </summary>
public sealed class VerifyPairwiseMetric : ISuiteMetric
{
    public const string Key = "verify:pairwise";

    public string Name => "verify_pairwise";
    public string Description => "within-question pairwise accuracy: correct completion scores above incorrect (questions with both labels)";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var questions = new Dictionary<(string Subset, string Cluster), Dictionary<string, (VerifyPoint Point, int Copies)>>();
        foreach (var point in VerifyPoint.From(outcomes))
        {
            var key = (point.Outcome.Subset, point.Outcome.Cluster);
            if (!questions.TryGetValue(key, out var members)) questions[key] = members = new Dictionary<string, (VerifyPoint, int)>(StringComparer.Ordinal);
            members[point.Outcome.Id] = members.TryGetValue(point.Outcome.Id, out var seen) ? (seen.Point, seen.Copies + 1) : (point, 1);
        }
        double sum = 0;
        var weight = 0;
        foreach (var members in questions.OrderBy(q => q.Key.Subset, StringComparer.Ordinal).ThenBy(q => q.Key.Cluster, StringComparer.Ordinal).Select(q => q.Value))
        {
            var distinct = members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value.Point).ToList();
            var correct = distinct.Where(p => p.Label).ToList();
            var incorrect = distinct.Where(p => !p.Label).ToList();
            if (correct.Count == 0 || incorrect.Count == 0) continue;
            double pairs = 0;
            foreach (var c in correct)
                foreach (var i in incorrect)
                    pairs += c.Score is not { } sc || i.Score is not { } si ? 0 : sc > si ? 1 : sc < si ? 0 : c.TieCredit;
            var copies = members.Values.Max(m => m.Copies);
            sum += copies * pairs / (correct.Count * incorrect.Count);
            weight += copies;
        }
        return weight == 0 ? [] : [new MetricValue(Key, sum / weight, weight) { Label = "Within-question pairwise accuracy (mean over questions with both labels)" }];
    }
}
