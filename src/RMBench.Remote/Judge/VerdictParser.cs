using System.Globalization;
using System.Text.RegularExpressions;

namespace RMBench.Remote.Judge;

/// <summary>A verdict read from a judge's reply: its label and value; Offset is where the verdict text starts.</summary>
public sealed record ParsedVerdict(string Label, double Value, int Offset);

/// <summary>
/// Reads a verdict: text inside &lt;think&gt;...&lt;/think&gt; (and after an unclosed &lt;think&gt;) is ignored; the
/// preset's regex finds candidates; the verdict is the one distinct value among them (several mentions of
/// the same verdict, or of labels with the same meaning such as A&gt;&gt;B and A&gt;B, are fine). None, or
/// several distinct ones, is unparsed (null).
/// </summary>
public static partial class VerdictParser
{
    [GeneratedRegex(@"<think>.*?(</think>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThinkBlock();

    /// <summary>The reply with thinking blanked out (same length, so offsets still point into the reply).</summary>
    public static string WithoutThinking(string text) => ThinkBlock().Replace(text, m => new string(' ', m.Length));

    /// <summary>The candidates in the reply outside thinking (for "none" vs "several" and tests).</summary>
    public static IReadOnlyList<ParsedVerdict> Candidates(string text, JudgePreset preset)
    {
        var visible = WithoutThinking(text);
        var found = new List<ParsedVerdict>();
        foreach (Match match in preset.Verdict.Matches(visible))
        {
            var group = match.Groups.Cast<Group>().Skip(1).FirstOrDefault(g => g.Success) ?? match.Groups[0];
            if (Meaning(group.Value.Trim(), preset) is { } value) found.Add(new ParsedVerdict(group.Value.Trim(), value, group.Index));
        }
        return found;
    }

    public static ParsedVerdict? Parse(string text, JudgePreset preset)
    {
        var candidates = Candidates(text, preset);
        if (candidates.Count == 0 || candidates.Select(c => c.Value).Distinct().Count() > 1) return null;
        return candidates[^1];
    }

    private static double? Meaning(string label, JudgePreset preset)
    {
        if (preset.Mode == JudgeMode.Pairwise) return preset.Labels.TryGetValue(label, out var v) ? v : null;
        return double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var rating)
            && rating >= preset.MinRating && rating <= preset.MaxRating ? rating : null;
    }
}
