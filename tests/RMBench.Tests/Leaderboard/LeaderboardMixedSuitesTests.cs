using AngleSharp.Html.Parser;
using RMBench.Core.Data;

namespace RMBench.Tests.Leaderboard;

/// <summary>A leaderboard over models that do not all score every suite (text-only models and the image suite).</summary>
public sealed class LeaderboardMixedSuitesTests
{
    [Fact]
    public async Task The_mean_covers_the_suites_every_model_scored_and_unsupported_cells_say_why()
    {
        var root = TestPaths.NewTempDirectory();
        var pairs = Path.Combine(root, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(pairs, "pairwise", Cli.Datasets.Pairs(30));
        var run = await Cli.Cli.RunAsync("run", "--model", "baseline", "--model", "length", "--model", "random",
            "--suite", "multimodal", "--suite", "general", "--suite", pairs, "--out", root, "--bootstrap", "100");
        Assert.True(run.ExitCode == 0, run.All);
        var page = Path.Combine(root, "leaderboard.html");

        var board = await Cli.Cli.RunAsync(["leaderboard", .. Directory.EnumerateFiles(Path.Combine(root, "runs"), "run.json", SearchOption.AllDirectories), "-o", page]);

        Assert.True(board.ExitCode == 0, board.All);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(page));
        var headings = document.QuerySelectorAll("#leaderboard thead th, table thead th").Select(th => th.TextContent).ToList();
        Assert.Contains(headings, h => h.Contains("of 2 common suites"));
        var rows = document.QuerySelectorAll("tr[id^='row-']").ToList();
        Assert.Equal(3, rows.Count);
        // Every row has a mean (the common suites), so no model is ranked first for skipping the image suite.
        var means = rows.Select(r => r.QuerySelectorAll("td.num")[0].TextContent).ToList();
        Assert.DoesNotContain(means, m => m.Contains('—'));
        var baseline = rows.Single(r => r.QuerySelector("a.model")!.TextContent == "baseline");
        Assert.NotNull(baseline.QuerySelector(".badge"));
        Assert.Contains(baseline.QuerySelectorAll("td.num"), c => (c.GetAttribute("title") ?? "").StartsWith("unsupported by this model", StringComparison.Ordinal));
    }
}
