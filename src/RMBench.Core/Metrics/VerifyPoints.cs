using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>One verify outcome as the verify metrics see it (from the Extras <see cref="VerifyKind"/> documents).</summary>
/// <param name="Score">The completion's score; null when it was not finite (the item is invalid).</param>
internal sealed record VerifyPoint(ItemOutcome Outcome, double? Score, bool Label, double TieCredit)
{
    /// <summary>The verify outcomes among <paramref name="outcomes"/> (those with a "label" extra), in the given order.</summary>
    public static List<VerifyPoint> From(IReadOnlyList<ItemOutcome> outcomes)
    {
        var points = new List<VerifyPoint>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (!outcome.Extras.TryGetValue(VerifyKind.LabelKey, out var label)) continue;
            double? score = outcome.Extras.TryGetValue(VerifyKind.ScoreKey, out var s) ? s : null;
            points.Add(new VerifyPoint(outcome, score, label == 1, outcome.Extras.GetValueOrDefault(VerifyKind.TieCreditKey)));
        }
        return points;
    }

    /// <summary>1 when the judgement "score &gt; threshold" equals the label; an invalid item counts 0.</summary>
    public double CorrectAt(double threshold) => Score is { } s && s > threshold == Label ? 1 : 0;

    /// <summary>The answer types of the item (the "answer_type:&lt;t&gt;" extras).</summary>
    public IEnumerable<string> AnswerTypes =>
        Outcome.Extras.Keys.Where(k => k.StartsWith(VerifyKind.AnswerTypePrefix, StringComparison.Ordinal))
            .Select(k => k[VerifyKind.AnswerTypePrefix.Length..]);
}
