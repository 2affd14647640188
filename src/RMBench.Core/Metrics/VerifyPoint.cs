using System.Runtime.CompilerServices;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>One verify outcome as the verify metrics see it (from the Extras <see cref="VerifyKind"/> documents).</summary>
/// <param name="Score">The completion's score; null when it was not finite (the item is invalid).</param>
/// <param name="AnswerTypes">The item's answer types (the "answer_type:&lt;t&gt;" extras).</param>
internal sealed record VerifyPoint(ItemOutcome Outcome, double? Score, bool Label, double TieCredit, IReadOnlyList<string> AnswerTypes)
{
    /// <summary>Memoised per outcome instance (outcomes are immutable): the bootstrap asks for the same outcomes a thousand times.</summary>
    private static readonly ConditionalWeakTable<ItemOutcome, VerifyPoint?> Points = new();

    /// <summary>The verify outcomes among <paramref name="outcomes"/> (those with a "label" extra), in the given order.</summary>
    public static List<VerifyPoint> From(IReadOnlyList<ItemOutcome> outcomes)
    {
        var points = new List<VerifyPoint>(outcomes.Count);
        foreach (var outcome in outcomes)
            if (Points.GetValue(outcome, Of) is { } point) points.Add(point);
        return points;
    }

    private static VerifyPoint? Of(ItemOutcome outcome)
    {
        if (!outcome.Extras.TryGetValue(VerifyKind.LabelKey, out var label)) return null;
        double? score = outcome.Extras.TryGetValue(VerifyKind.ScoreKey, out var s) ? s : null;
        var types = outcome.Extras.Keys.Where(k => k.StartsWith(VerifyKind.AnswerTypePrefix, StringComparison.Ordinal))
            .Select(k => k[VerifyKind.AnswerTypePrefix.Length..]).ToArray();
        return new VerifyPoint(outcome, score, label == 1, outcome.Extras.GetValueOrDefault(VerifyKind.TieCreditKey), types);
    }

    /// <summary>1 when the judgement "score &gt; threshold" equals the label; an invalid item counts 0.</summary>
    public double CorrectAt(double threshold) => Score is { } s && s > threshold == Label ? 1 : 0;
}
