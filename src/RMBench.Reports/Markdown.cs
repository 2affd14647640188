using System.Globalization;
using System.Text;

namespace RMBench.Reports;

/// <summary>
/// Markdown building blocks for reports (summary.md, the gate summary). Text coming from data (suite,
/// subset and model names, paths) goes through <see cref="Escape"/>: it cannot break a table row, start a
/// new line or block, or inject links, HTML or emphasis. Tables escape every cell.
/// </summary>
public static class Markdown
{
    // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start inline
    // markup, end a table cell (|), or (in GitHub's renderer) open math ($).
    private const string Special = "\\`*_[]<>|&~$!#";

    /// <summary>Inline text: markup characters backslash-escaped, line breaks and control characters as spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                // \r\n and other runs of breaks collapse into a single space.
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = c == ' ';
            if (Special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    /// <summary>Inline code span; the fence is longer than any run of backticks inside. Line breaks become spaces.</summary>
    public static string Code(string? text)
    {
        var flat = Flatten(text);
        var longest = 0;
        var run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || flat.Length == 0 ? " " : "";
        // A | would still split a table cell in GitHub's renderer, even inside a code span.
        return fence + pad + flat.Replace("|", "\\|", StringComparison.Ordinal) + pad + fence;
    }

    /// <summary>A heading line ("## text") with the text escaped.</summary>
    public static string Heading(int level, string? text) =>
        new string('#', Math.Clamp(level, 1, 6)) + " " + Escape(text);

    /// <summary>Column alignment of <see cref="Table"/>.</summary>
    public enum Align { Left, Right, Center }

    /// <summary>
    /// One table cell. A string converts implicitly and is escaped with <see cref="Escape"/>; <see cref="Raw"/>
    /// marks our own markup (numbers, intervals, code spans) that must be used as it is.
    /// </summary>
    public readonly record struct Cell
    {
        private Cell(string markdown) => Markdown = markdown;

        /// <summary>The cell's Markdown (already escaped).</summary>
        public string Markdown { get; }

        /// <summary>Trusted Markdown, used as it is: never pass text that comes from data.</summary>
        public static Cell Raw(string markdown) => new(Flatten(markdown));

        /// <summary>Text from data, escaped.</summary>
        public static Cell Text(string? text) => new(Escape(text));

        public static implicit operator Cell(string? text) => Text(text);

        public override string ToString() => Markdown;
    }

    /// <summary>
    /// A GitHub-flavoured Markdown table. Headers and string cells are escaped with <see cref="Escape"/>
    /// (see <see cref="Cell"/>). Rows shorter than the header are padded with empty cells, longer ones are an error.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, IReadOnlyList<Align>? align = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        var sb = new StringBuilder();
        sb.Append('|');
        foreach (var h in headers) sb.Append(' ').Append(Escape(h)).Append(" |");
        sb.Append('\n').Append('|');
        for (var i = 0; i < headers.Count; i++)
        {
            var a = align is not null && i < align.Count ? align[i] : Align.Left;
            sb.Append(a switch { Align.Right => " ---: |", Align.Center => " :---: |", _ => " --- |" });
        }
        sb.Append('\n');
        foreach (var row in rows)
        {
            if (row.Count > headers.Count)
                throw new ArgumentException($"A table row has {row.Count} cells but the table has {headers.Count} columns.", nameof(rows));
            sb.Append('|');
            for (var i = 0; i < headers.Count; i++)
                sb.Append(' ').Append(i < row.Count ? row[i].Markdown ?? "" : "").Append(" |");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Line breaks as spaces (a raw cell still cannot end its row).</summary>
    private static string Flatten(string? markdown) =>
        string.Join(' ', (markdown ?? "").Split(['\r', '\n', '\u2028', '\u2029', '\u0085'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A number with a fixed count of decimals, invariant culture; "n/a" for NaN or infinity.</summary>
    public static string Number(double value, int decimals = 4)
    {
        if (!double.IsFinite(value)) return "n/a";
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // No "-0.0000": a value that rounds to zero is written as zero.
        return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
    }

    /// <summary>An integer, invariant culture, no grouping.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
