using RMBench.Core.Results;
using RMBench.Reports;

namespace RMBench.Tests.Reports;

public class SummaryMarkdownTests
{
    [Fact]
    public void Summary_has_model_headline_sections_subsets_counts_and_provenance()
    {
        var md = SummaryMarkdown.Render(SampleRuns.Run());

        Assert.StartsWith("# RMBench run: length\n", md);
        Assert.Contains("- Backend: length\n", md);
        Assert.Contains("- Digest: `length-v1`\n", md);
        Assert.Contains("- Status: complete\n", md);
        Assert.Contains("**Headline**: Overall (mean of sections): 0.6089 [0.5500, 0.6600] (n = 120)", md);
        Assert.Contains("| general | Overall (mean of sections) | 0.6089 | [0.5500, 0.6600] | 120 | 3 | 1 |", md);
        Assert.Contains("| Accuracy (micro: all items) | accuracy | 0.6125 | [0.5333, 0.6917] | 120 |", md);
        Assert.Contains("| Accuracy (macro: mean of subsets) | macro | 0.6050 | [0.5200, 0.6900] | 120 |", md);
        Assert.Contains("| Chat | 0.9000 | [0.8000, 0.9700] | 60 |", md);
        Assert.Contains("| Safety | 0.3178 | [0.2000, 0.4500] | 60 |", md);
        Assert.Contains("| Subset | Section | Items | Accuracy | 95% CI | Ties | Invalid |", md);
        Assert.Contains("| alpacaeval-easy | Chat | 60 | 0.9500 | [0.9000, 0.9900] | 0 | 0 |", md);
        Assert.Contains("| refusals-dangerous | Safety | 60 | 0.3178 | [0.2000, 0.4500] | 3 | 1 |", md);
        Assert.Contains("Counts: 120 items, 240 requests, 3 ties, 1 invalid scores, 0 truncated.", md);
        Assert.Contains("| 240 | 230 | 230 | 0 | 0 | 1 | 15 |", md);
        Assert.Contains("- Harness version: 0.1.0\n", md);
        Assert.Contains("- Git commit: `abcdef1234567890`\n", md);
        Assert.Contains("- Seeds: bootstrap 1234 (1000 resamples), model 42\n", md);
        Assert.Contains("- Machine: Linux, X64, 2 CPUs, .NET 10.0.0, host builder\n", md);
        Assert.Contains("sha256 `0123456789ab`, 120 rows", md);
        Assert.DoesNotContain("0123456789abc", md); // dataset hash shortened
        Assert.DoesNotContain("subset:alpacaeval-easy", md); // subset metrics are in the subsets table only
        Assert.DoesNotContain("Partial run", md);
    }

    [Fact]
    public void Subsets_without_sections_have_no_section_column()
    {
        var md = SummaryMarkdown.Render(SampleRuns.Run(subsets: [new SubsetResult("s1", null, 10, 0.5, 0.2, 0.8, 1, 0)]));
        Assert.Contains("| Subset | Items | Accuracy | 95% CI | Ties | Invalid |", md);
        Assert.Contains("| s1 | 10 | 0.5000 | [0.2000, 0.8000] | 1 | 0 |", md);
    }

    [Fact]
    public void Partial_runs_are_flagged()
    {
        var md = SummaryMarkdown.Render(SampleRuns.Run(status: "partial"));
        Assert.Contains("- Status: partial\n", md);
        Assert.Contains("**Partial run**", md);
    }

    [Fact]
    public void Hostile_subset_names_cannot_break_the_table()
    {
        var hostile = "evil|name\nsecond line <img src=x> *bold* [link](http://x)";
        var md = SummaryMarkdown.Render(SampleRuns.Run(
            subsets: [new SubsetResult(hostile, "Chat|x", 5, 1, 1, 1, 0, 0), new SubsetResult("ok", "Chat", 5, 0, 0, 0, 0, 0)]));

        Assert.Contains(
            @"| evil\|name second line \<img src=x\> \*bold\* \[link\](http://x) | Chat\|x | 5 | 1.0000 | [1.0000, 1.0000] | 0 | 0 |", md);
        Assert.DoesNotContain("\nsecond line", md);
        Assert.DoesNotContain(" <img", md); // only the escaped form "\\<img" appears

        // Every row of the subsets table has as many unescaped cell separators as its header.
        var lines = md.Split('\n');
        var header = Array.IndexOf(lines, "| Subset | Section | Items | Accuracy | 95% CI | Ties | Invalid |");
        Assert.True(header >= 0);
        var columns = UnescapedPipes(lines[header]);
        Assert.Equal(columns, UnescapedPipes(lines[header + 2]));
        Assert.Equal(columns, UnescapedPipes(lines[header + 3]));
        Assert.Equal("", lines[header + 4]);
    }

    [Fact]
    public void Hostile_model_and_suite_names_are_escaped()
    {
        var run = SampleRuns.Run(modelId: "m\n# injected");
        run = run with { Suites = [run.Suites[0] with { Name = "x\r\n---\n|a|b|" }] };
        var md = SummaryMarkdown.Render(run);
        Assert.StartsWith("# RMBench run: m \\# injected\n", md);
        Assert.Contains("## Suite: x --- \\|a\\|b\\|\n", md);
        Assert.DoesNotContain("\n# injected", md);
        Assert.DoesNotContain("\n---", md);
    }

    [Fact]
    public void Missing_headline_metric_is_reported_not_crashed()
    {
        var run = SampleRuns.Run(metrics: [new MetricResult("accuracy", "Accuracy (micro: all items)", 0.5, 0.4, 0.6, 10)]);
        var md = SummaryMarkdown.Render(run);
        Assert.Contains("**Headline**: n/a (metric `overall` was not computed)", md);
        Assert.Contains("| general | overall | n/a | n/a | 120 | 3 | 1 |", md);
    }

    private static int UnescapedPipes(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
            if (line[i] == '\\') i++;
            else if (line[i] == '|') count++;
        return count;
    }
}
