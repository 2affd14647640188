using System.Text;
using RMBench.Core.Results;
using static RMBench.Reports.Markdown;

namespace RMBench.Reports;

/// <summary>
/// summary.md: a human-readable view of a <see cref="RunResult"/> (regenerable from run.json alone).
/// Numbers are proportions with four decimals and the 95% interval in brackets, e.g. "0.6089 [0.5512, 0.6634]",
/// invariant culture throughout. Every string that comes from data is escaped.
/// </summary>
public static class SummaryMarkdown
{
    private const string SectionPrefix = "section:";
    private const string SubsetPrefix = "subset:";
    private const int ShortHash = 12;

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var model = result.Model;

        md.Append(Heading(1, $"RMBench run: {model.Id}")).Append("\n\n");
        md.Append("- Model: ").Append(Escape(model.Id)).Append('\n');
        md.Append("- Backend: ").Append(Escape(model.Backend)).Append('\n');
        md.Append("- Digest: ").Append(Code(model.Digest)).Append('\n');
        md.Append("- Status: ").Append(Escape(result.Status)).Append('\n');
        if (result.Status != "complete")
            md.Append("\n> **Partial run**: not every request was scored; the numbers below cover the scored items only.")
              .Append(result.StatusNote is { } note ? " " + Escape(note) : "").Append('\n');
        if (result.Sample is { } sample)
            md.Append("\n> **Subsample** (").Append(Escape(sample.Describe())).Append("): at most ").Append(sample.Limit)
              .Append(" items per suite, for a smoke run; not comparable with a full run.\n");
        md.Append('\n');

        RenderOverview(md, result);
        foreach (var suite in result.Suites) RenderSuite(md, suite);
        RenderRunCounts(md, result.Counts);
        RenderThroughput(md, result);
        RenderProvenance(md, result);
        return md.ToString();
    }

    /// <summary>"0.6089 [0.5512, 0.6634]".</summary>
    public static string WithInterval(double value, double low, double high) => $"{Number(value)} {Interval(low, high)}";

    /// <summary>"[0.5512, 0.6634]".</summary>
    public static string Interval(double low, double high) => $"[{Number(low)}, {Number(high)}]";

    private static void RenderOverview(StringBuilder md, RunResult result)
    {
        md.Append(Heading(2, "Results")).Append("\n\n");
        if (result.Suites.Count == 0)
        {
            md.Append("No suites were run.\n\n");
            return;
        }
        var rows = result.Suites.Select(s =>
        {
            var h = Headline(s);
            var missing = s.Status == SuiteStatus.Unsupported ? "unsupported by this model" : "n/a";
            return (IReadOnlyList<Cell>)
            [
                s.Name, h?.Label ?? s.Headline, h is null ? missing : Number(h.Value), Cell.Raw(h is null ? "n/a" : Interval(h.CiLow, h.CiHigh)),
                Integer(s.Counts.Items), Integer(s.Counts.Ties), Integer(s.Counts.Invalid),
            ];
        });
        md.Append(Table(["Suite", "Headline", "Value", "95% CI", "Items", "Ties", "Invalid"], rows,
            [Align.Left, Align.Left, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right])).Append('\n');
        md.Append("95% CI: seeded bootstrap over prompts. Micro averages weigh every item equally; macro averages weigh every subset equally.\n\n");
    }

    private static MetricResult? Headline(SuiteResult suite) =>
        suite.Metrics.FirstOrDefault(m => m.Key == suite.Headline);

    private static void RenderSuite(StringBuilder md, SuiteResult suite)
    {
        md.Append(Heading(2, $"Suite: {suite.Name}")).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(suite.Description)) md.Append(Escape(suite.Description)).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(suite.Anchor)) md.Append("Anchor: ").Append(Escape(suite.Anchor)).Append("\n\n");
        if (suite.Kinds.Count > 0) md.Append("Kinds: ").Append(Escape(string.Join(", ", suite.Kinds))).Append("\n\n");

        if (suite.Status == SuiteStatus.Unsupported)
            md.Append("**Unsupported by this model**: ").Append(Escape(suite.StatusNote ?? "")).Append(". No item was scored and no metric is reported.\n\n");
        else if (suite.StatusNote is not null)
            md.Append("**Partly supported**: ").Append(Escape(suite.StatusNote)).Append("; the numbers below cover the other items.\n\n");

        var headline = Headline(suite);
        md.Append("**Headline**: ");
        if (suite.Status == SuiteStatus.Unsupported)
            md.Append("n/a (unsupported by this model)");
        else if (headline is null)
            md.Append("n/a (metric ").Append(Code(suite.Headline)).Append(" was not computed)");
        else
            md.Append(Escape(headline.Label)).Append(": ").Append(WithInterval(headline.Value, headline.CiLow, headline.CiHigh))
              .Append(" (n = ").Append(Integer(headline.N)).Append(')');
        md.Append("\n\n");

        var metrics = suite.Metrics
            .Where(m => !m.Key.StartsWith(SectionPrefix, StringComparison.Ordinal) && !m.Key.StartsWith(SubsetPrefix, StringComparison.Ordinal))
            .ToList();
        if (metrics.Count > 0)
        {
            md.Append(Heading(3, "Metrics")).Append("\n\n");
            md.Append(Table(["Metric", "Key", "Value", "95% CI", "N"],
                metrics.Select(m => (IReadOnlyList<Cell>)[m.Label, m.Key, Number(m.Value), Cell.Raw(Interval(m.CiLow, m.CiHigh)), Integer(m.N)]),
                [Align.Left, Align.Left, Align.Right, Align.Right, Align.Right])).Append('\n');
        }

        var sections = suite.Metrics.Where(m => m.Key.StartsWith(SectionPrefix, StringComparison.Ordinal)).ToList();
        if (sections.Count > 0)
        {
            md.Append(Heading(3, "Sections")).Append("\n\n");
            md.Append(Table(["Section", "Value", "95% CI", "N"],
                sections.Select(m => (IReadOnlyList<Cell>)[m.Key[SectionPrefix.Length..], Number(m.Value), Cell.Raw(Interval(m.CiLow, m.CiHigh)), Integer(m.N)]),
                [Align.Left, Align.Right, Align.Right, Align.Right])).Append('\n');
        }

        if (suite.Subsets.Count > 0)
        {
            var withSection = suite.Subsets.Any(s => !string.IsNullOrEmpty(s.Section));
            md.Append(Heading(3, "Subsets")).Append("\n\n");
            IReadOnlyList<string> headers = withSection
                ? ["Subset", "Section", "Items", "Accuracy", "95% CI", "Ties", "Invalid"]
                : ["Subset", "Items", "Accuracy", "95% CI", "Ties", "Invalid"];
            var rows = suite.Subsets.Select(s =>
            {
                List<Cell> cells = [s.Name];
                if (withSection) cells.Add(s.Section ?? "");
                cells.AddRange([Integer(s.Items), Number(s.Accuracy), Cell.Raw(Interval(s.CiLow, s.CiHigh)), Integer(s.Ties), Integer(s.Invalid)]);
                return (IReadOnlyList<Cell>)cells;
            });
            var align = headers.Select(h => h is "Subset" or "Section" ? Align.Left : Align.Right).ToList();
            md.Append(Table(headers, rows, align)).Append('\n');
        }

        var c = suite.Counts;
        md.Append("Counts: ")
          .Append(Integer(c.Items)).Append(" items, ")
          .Append(Integer(c.Requests)).Append(" requests, ")
          .Append(Integer(c.Ties)).Append(" ties, ")
          .Append(Integer(c.Invalid)).Append(" invalid scores, ")
          .Append(Integer(c.Truncated)).Append(" truncated")
          .Append(c.Unsupported > 0 ? $", {Integer(c.Unsupported)} unsupported by this model" : "");
        // Only suites with a context budget cut items; others keep their line as it was.
        if (c.TruncatedContext > 0) md.Append(", ").Append(Integer(c.TruncatedContext)).Append(" items with context cut to the suite's budget");
        md.Append(".\n\n");

        if (suite.Datasets.Count > 0)
        {
            md.Append(Heading(3, "Datasets")).Append("\n\n");
            md.Append(Table(["Path", "Kind", "Rows", "sha256"],
                suite.Datasets.Select(d => (IReadOnlyList<Cell>)[d.Path, d.Kind, Integer(d.Rows), Cell.Raw(Code(Short(d.Sha256)))]),
                [Align.Left, Align.Left, Align.Right, Align.Left])).Append('\n');
        }
    }

    private static void RenderRunCounts(StringBuilder md, RunCounts c)
    {
        md.Append(Heading(2, "Counts")).Append("\n\n");
        md.Append(Table(["Requests", "Unique", "Model calls", "From cache", "From journal", "Invalid", "Batches"],
            [[Integer(c.Requests), Integer(c.UniqueRequests), Integer(c.ModelCalls), Integer(c.FromCache), Integer(c.FromJournal), Integer(c.Invalid), Integer(c.Batches)]],
            Enumerable.Repeat(Align.Right, 7).ToList())).Append('\n');
    }

    private static void RenderThroughput(StringBuilder md, RunResult result)
    {
        if (result.Throughput is not { } t) return;
        static string Rate(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        md.Append(Heading(2, "Throughput")).Append("\n\n");
        md.Append(Table(["Requests", "Seconds", "Requests/s", "Tokens", "Tokens/s", "Padding efficiency", "Execution provider"],
            [[Integer(t.Requests), t.ScoringSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), Rate(t.RequestsPerSecond), t.Tokens is { } n ? Integer(n) : "n/a", Rate(t.TokensPerSecond),
              t.PaddingEfficiency is { } e ? Number(e) : "n/a", result.Provenance.ExecutionProvider]],
            [Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Left])).Append('\n');
        md.Append("Scoring phase only (model calls of this run; cache and journal hits excluded). Padding efficiency = real tokens / padded tokens over all batches.\n\n");
    }

    private static void RenderProvenance(StringBuilder md, RunResult result)
    {
        var p = result.Provenance;
        var m = p.Machine;
        md.Append(Heading(2, "Provenance")).Append("\n\n");
        md.Append("- Harness version: ").Append(Escape(p.HarnessVersion)).Append('\n');
        md.Append("- Git commit: ").Append(string.IsNullOrEmpty(p.GitCommit) ? "unknown" : Code(p.GitCommit)).Append('\n');
        md.Append("- Started: ").Append(Escape(p.StartedAt)).Append(", finished: ").Append(Escape(p.FinishedAt)).Append('\n');
        md.Append("- Seeds: bootstrap ").Append(Integer(p.BootstrapSeed))
          .Append(" (").Append(Integer(p.BootstrapResamples)).Append(" resamples), model ").Append(Integer(p.ModelSeed)).Append('\n');
        md.Append("- Ties: ").Append(Escape(p.Ties)).Append(", batch size: ").Append(Integer(p.BatchSize))
          .Append(", execution provider: ").Append(Escape(p.ExecutionProvider)).Append('\n');
        md.Append("- Machine: ").Append(Escape($"{m.Os}, {m.Architecture}, {m.ProcessorCount} CPUs, {m.Runtime}, host {m.HostName}")).Append('\n');
        md.Append("- Model: ").Append(Escape(result.Model.Id)).Append(", backend ").Append(Escape(result.Model.Backend))
          .Append(", digest ").Append(Code(result.Model.Digest))
          .Append(", deterministic: ").Append(result.Model.Deterministic ? "yes" : "no").Append('\n');
        foreach (var (key, value) in result.Model.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            md.Append("  - ").Append(Escape(key)).Append(": ").Append(Escape(value)).Append('\n');
        foreach (var suite in result.Suites)
            foreach (var d in suite.Datasets)
                md.Append("- Dataset ").Append(Escape(d.Path)).Append(" (").Append(Escape(suite.Name)).Append("): sha256 ")
                  .Append(Code(Short(d.Sha256))).Append(", ").Append(Integer(d.Rows)).Append(" rows\n");
        if (!string.IsNullOrWhiteSpace(p.CommandLine))
            md.Append("- Command line: ").Append(Code(p.CommandLine)).Append('\n');
    }

    private static string Short(string? sha256) =>
        string.IsNullOrEmpty(sha256) ? "" : sha256.Length > ShortHash ? sha256[..ShortHash] : sha256;
}
