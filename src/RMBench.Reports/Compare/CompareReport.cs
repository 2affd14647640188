using System.Globalization;
using System.Text;
using System.Text.Json;
using RMBench.Core.Results;
using RMBench.Reports.Leaderboard;
using Scriban;
using Scriban.Runtime;

namespace RMBench.Reports.Compare;

/// <summary>
/// The views of a <see cref="Comparison"/>: a console table, Markdown (escaped through <see cref="Markdown"/>),
/// a standalone HTML page (every value HTML-encoded by <see cref="HtmlTemplateContext"/>) and JSON (run.json's
/// conventions). Numbers are proportions with four decimals; differences carry their sign.
/// </summary>
public static class CompareReport
{
    public static readonly IReadOnlyList<string> Formats = ["table", "md", "html", "json"];

    public static string Render(Comparison comparison, string format) => format switch
    {
        "md" => ToMarkdown(comparison),
        "html" => ToHtml(comparison),
        "json" => JsonSerializer.Serialize(comparison, RunJson.Options) + "\n",
        _ => ToTable(comparison),
    };

    private static readonly string[] Headers = ["suite", "subset", "metric", "A", "B", "B - A", "method", "items"];
    private static readonly int[] NumericColumns = [3, 4, 5, 7];

    private static IEnumerable<string[]> Cells(Comparison comparison) =>
        comparison.Rows.Select(r => new[]
        {
            r.Suite, r.Subset ?? "(headline)", r.Metric, WithInterval(r.A, signed: false), WithInterval(r.B, signed: false),
            WithInterval(r.Delta, signed: true), r.Method, r.Items.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A fixed-width console table (data texts are printed as they are; a terminal does not interpret markup).</summary>
    public static string ToTable(Comparison comparison)
    {
        var rows = Cells(comparison).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.Append(Title(comparison, "A")).Append('\n').Append(Title(comparison, "B")).Append('\n');
        void Line(IReadOnlyList<string> cells) =>
            text.Append(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        Line(Headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        foreach (var note in comparison.Notes) text.Append("note: ").Append(note).Append('\n');
        text.Append(Method(comparison)).Append('\n');
        return text.ToString();
    }

    public static string ToMarkdown(Comparison comparison)
    {
        var md = new StringBuilder();
        md.Append(Reports.Markdown.Heading(1, $"RMBench compare: {comparison.A.Model} vs {comparison.B.Model}")).Append("\n\n");
        md.Append("- A: ").Append(Reports.Markdown.Escape(Title(comparison, "A")[3..])).Append('\n');
        md.Append("- B: ").Append(Reports.Markdown.Escape(Title(comparison, "B")[3..])).Append("\n\n");
        var right = Reports.Markdown.Align.Right;
        md.Append(Reports.Markdown.Table(Headers,
            Cells(comparison).Select(c => (IReadOnlyList<Reports.Markdown.Cell>)c.Select((text, i) => NumericColumns.Contains(i)
                ? Reports.Markdown.Cell.Raw(text) // our own numbers and brackets
                : Reports.Markdown.Cell.Text(text)).ToList()),
            [Reports.Markdown.Align.Left, Reports.Markdown.Align.Left, Reports.Markdown.Align.Left, right, right, right, Reports.Markdown.Align.Left, right]));
        if (comparison.Notes.Count > 0) md.Append('\n');
        foreach (var note in comparison.Notes) md.Append("- ").Append(Reports.Markdown.Escape(note)).Append('\n');
        md.Append('\n').Append(Reports.Markdown.Escape(Method(comparison))).Append('\n');
        return md.ToString();
    }

    private const string HtmlTemplate = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ title }}</title>
        <style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.headline td{font-weight:600}.wrap{overflow-x:auto}</style>
        </head><body>
        <h1>{{ title }}</h1>
        <ul><li>{{ side_a }}</li><li>{{ side_b }}</li></ul>
        <div class="wrap"><table>
        <thead><tr>{{ for h in headers }}<th>{{ h }}</th>{{ end }}</tr></thead>
        <tbody>
        {{ for row in rows }}<tr{{ if row.headline }} class="headline"{{ end }}><td>{{ row.cells[0] }}</td><td>{{ row.cells[1] }}</td><td>{{ row.cells[2] }}</td><td class="n">{{ row.cells[3] }}</td><td class="n">{{ row.cells[4] }}</td><td class="n">{{ row.cells[5] }}</td><td>{{ row.cells[6] }}</td><td class="n">{{ row.cells[7] }}</td></tr>
        {{ end }}</tbody></table></div>
        {{ if notes.size > 0 }}<ul>{{ for note in notes }}<li>{{ note }}</li>{{ end }}</ul>{{ end }}
        <p>{{ method }}</p>
        </body></html>

        """;

    private static readonly Lazy<Template> ParsedHtml = new(() =>
    {
        var template = Template.Parse(HtmlTemplate, "compare.sbn-html");
        return template.HasErrors ? throw new InvalidOperationException(string.Join("; ", template.Messages)) : template;
    });

    /// <summary>A standalone page without script; every value goes through <see cref="HtmlTemplateContext"/>'s encoding.</summary>
    public static string ToHtml(Comparison comparison)
    {
        var globals = new ScriptObject
        {
            ["title"] = $"RMBench compare: {comparison.A.Model} vs {comparison.B.Model}",
            ["side_a"] = Title(comparison, "A"),
            ["side_b"] = Title(comparison, "B"),
            ["headers"] = Headers,
            ["rows"] = comparison.Rows.Zip(Cells(comparison), (r, c) => new ScriptObject { ["headline"] = r.Subset is null, ["cells"] = c }).ToList(),
            ["notes"] = comparison.Notes,
            ["method"] = Method(comparison),
        };
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return ParsedHtml.Value.Render(context);
    }

    private static string Title(Comparison comparison, string which)
    {
        var side = which == "A" ? comparison.A : comparison.B;
        return $"{which}: {side.Model} ({side.Backend}), {side.Status}{(side.Sample is { } s ? $", SUBSAMPLE {s}" : "")}: {side.Source}";
    }

    private static string Method(Comparison comparison) => string.Create(CultureInfo.InvariantCulture,
        $"95% intervals. paired: percentile bootstrap of B - A over the items both runs judged (the gate's pairing; clusters resampled within subsets; seed {comparison.Seed}, {comparison.Resamples} resamples). unpaired: the runs' own intervals combined by MOVER, assuming independent runs.");

    /// <summary>"0.6089 [0.5512, 0.6634]", or "+0.0500 [-0.0100, +0.1100]" for a difference.</summary>
    public static string WithInterval(Estimate e, bool signed) =>
        e is { Low: { } low, High: { } high } ? $"{Number(e.Value, signed)} [{Number(low, signed)}, {Number(high, signed)}]" : Number(e.Value, signed);

    private static string Number(double value, bool signed)
    {
        var text = Reports.Markdown.Number(value);
        return signed && !text.StartsWith('-') && text != "n/a" && text.Trim('0', '.').Length > 0 ? "+" + text : text;
    }
}
