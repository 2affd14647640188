using System.Text;
using RMBench.Core.Gate;
using static RMBench.Reports.Markdown;

namespace RMBench.Reports.Gate;

/// <summary>
/// gate.md: the gate's verdict for a CI job summary (e.g. $GITHUB_STEP_SUMMARY). Only names, numbers and our
/// own sentences; never prompts or responses. Names are escaped (<see cref="Markdown.Escape"/>) after Unicode
/// direction controls are replaced, so a name can neither inject Markdown/HTML nor reorder what is displayed.
/// </summary>
public static class GateMarkdown
{
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var settings = result.Settings;
        md.Append("# RMBench gate: ").Append(result.Decision.Text()).Append("\n\n");
        md.Append("- Candidate: ").Append(Escape(Plain(result.Candidate.ModelId))).Append(" (").Append(Escape(Plain(result.Candidate.Backend)))
            .Append(", digest ").Append(Escape(Plain(Short(result.Candidate.Digest)))).Append(")\n");
        md.Append("- Baseline: ").Append(Escape(Plain(result.Baseline.ModelId))).Append(" (").Append(Escape(Plain(result.Baseline.Backend)))
            .Append(", digest ").Append(Escape(Plain(Short(result.Baseline.Digest)))).Append(")\n");
        md.Append("- Margin ").Append(Number(settings.MarginPoints, 2)).Append(" pp, alpha ").Append(Number(settings.Alpha, 3))
            .Append(", Holm correction across ").Append(Integer(result.Suites.Count)).Append(" suite(s); intervals are ")
            .Append(Number(100 * settings.IntervalLevel, 0)).Append("% (two one-sided alpha bounds)\n");
        md.Append("- Exit code ").Append(Integer(result.ExitCode)).Append("\n\n");

        var rows = result.Suites.Select(s => (IReadOnlyList<Cell>)
        [
            Plain(s.Name), Plain(s.Metric), s.Method, Integer(s.Items),
            Cell.Raw(Number(s.BaselineValue)), Cell.Raw(Number(s.CandidateValue)),
            Cell.Raw($"{Signed(s.Difference)} [{Signed(s.CiLow)}, {Signed(s.CiHigh)}]"),
            Cell.Raw(Number(s.PNonInferiorityHolm)), Cell.Raw(Number(s.PInferiorityHolm)),
            Cell.Raw($"**{s.Decision.Text()}**"),
        ]);
        md.Append(Table(
            ["suite", "metric", "method", "items", "baseline", "candidate", "difference [interval]", "p non-inferior (Holm)", "p worse (Holm)", "decision"],
            rows,
            [Align.Left, Align.Left, Align.Left, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Left]));
        md.Append('\n');

        foreach (var suite in result.Suites)
        {
            md.Append(Heading(2, Plain(suite.Name))).Append("\n\n");
            foreach (var reason in suite.Reasons) md.Append("- ").Append(Escape(Plain(reason))).Append('\n');
            if (suite.Losses is { } losses && suite.Wins is { } wins)
                md.Append("- Discordant items: ").Append(Integer(losses)).Append(" lost, ").Append(Integer(wins)).Append(" won\n");
            md.Append('\n');
        }
        if (result.Notes.Count > 0)
        {
            md.Append(Heading(2, "Notes")).Append("\n\n");
            foreach (var note in result.Notes) md.Append("- ").Append(Escape(Plain(note))).Append('\n');
            md.Append('\n');
        }
        md.Append("Rule: ").Append(Escape(result.Rule)).Append('\n');
        return md.ToString();
    }

    /// <summary>Unicode direction controls (embeddings, overrides, isolates, marks) replaced by U+FFFD.</summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' ? '\uFFFD' : c);
        return sb.ToString();
    }

    private static string Short(string digest) => digest.Length > 16 ? digest[..16] : digest;

    private static string Signed(double value) => value > 0 ? "+" + Number(value) : Number(value);
}
