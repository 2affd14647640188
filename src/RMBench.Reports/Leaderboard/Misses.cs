using RMBench.Core.Results;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// A model's largest misses in a subset: items whose best rejected answer scored at least as high as their best
/// chosen answer, largest margin (rejected minus chosen) first, ties of margin by id (ordinal). Items with a
/// non-finite score are skipped (they are counted as invalid in run.json).
/// </summary>
public static class Misses
{
    public const int PerSubset = 2;
    public const int MaxChars = 600;

    public static IReadOnlyList<Miss> Find(IEnumerable<ScoreRow> scoresOfSubset, IReadOnlyDictionary<string, ItemText>? texts)
    {
        var misses = new List<(double Margin, string Id, ScoreRow Chosen, ScoreRow Rejected)>();
        foreach (var item in scoresOfSubset.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var rows = item.ToList();
            if (rows.Any(r => !float.IsFinite(r.Score))) continue;
            var chosen = Best(rows, "chosen");
            var rejected = Best(rows, "rejected");
            if (chosen is null || rejected is null || rejected.Score < chosen.Score) continue;
            misses.Add(((double)rejected.Score - chosen.Score, item.Key, chosen, rejected));
        }
        return misses
            .OrderByDescending(m => m.Margin).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Take(PerSubset)
            .Select(m =>
            {
                ItemText? text = null;
                texts?.TryGetValue(m.Id, out text);
                return new Miss(m.Id,
                    Format.Clip(text?.Prompt ?? "", MaxChars),
                    Format.Clip(Answer(text?.Chosen, m.Chosen.Role), MaxChars),
                    Format.Clip(Answer(text?.Rejected, m.Rejected.Role), MaxChars),
                    Score(m.Chosen.Score, m.Rejected.Score), Score(m.Rejected.Score, m.Chosen.Score), m.Chosen.Score == m.Rejected.Score);
            })
            .ToList();
    }

    /// <summary>The highest-scored request whose role is "side" or "side:i".</summary>
    private static ScoreRow? Best(IEnumerable<ScoreRow> rows, string side) =>
        rows.Where(r => r.Role == side || r.Role.StartsWith(side + ":", StringComparison.Ordinal))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Role, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The answer text of role "chosen" (index 0) or "chosen:i".</summary>
    private static string Answer(IReadOnlyList<string>? answers, string role)
    {
        if (answers is null || answers.Count == 0) return "";
        var colon = role.IndexOf(':');
        var index = colon >= 0 && int.TryParse(role.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0;
        return index < answers.Count ? answers[index] : "";
    }

    /// <summary>A score with as many decimals as its pair needs: both sides of a miss use the same precision.</summary>
    private static string Score(float score, float other) =>
        Math.Max(Math.Abs(score), Math.Abs(other)) >= 100 ? Format.Fixed(score, 0) : Format.Fixed(score, 3);
}
