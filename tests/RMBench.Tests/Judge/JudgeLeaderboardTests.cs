using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RMBench.Core.Running;
using static RMBench.Tests.Judge.JudgeTestData;

namespace RMBench.Tests.Judge;

/// <summary>The leaderboard's miss drill-down for a judge run: the missed comparisons with the judge's verdict and text per order, escaped.</summary>
public class JudgeLeaderboardTests
{
    private const string Script = "<script>window.__pwned=1</script> & \"quotes\"";
    private const string Image = "<img src=x onerror=\"window.__pwned=1\">";

    [Fact]
    public async Task Missed_pairs_show_the_judges_text_per_order_from_judgments_parquet_or_the_journal()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 4);
        // Pair 1: A in both orders (a tie at 0 votes); pair 2: wrong in both orders (-2 votes); pairs 0 and 3 right.
        await using var server = await FakeJudgeServer.StartAsync(call => call.ReplyA![^1] switch
        {
            '1' => new JudgeAnswer($"{Script} [[A]]"),
            '2' => new JudgeAnswer(call.ReplyA.Contains("GOOD") ? $"{Image} so [[B]]" : "First is better. [[A]]"),
            _ => Fair(call),
        });
        var run = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));
        Assert.True(run.ExitCode == 0, run.All);
        var folder = Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories).Single())!;

        foreach (var source in new[] { JudgmentLog.ParquetFile, JudgmentLog.FileName })
        {
            if (source == JudgmentLog.FileName) File.Delete(Path.Combine(folder, JudgmentLog.ParquetFile)); // a run stopped before writing it
            var page = await LeaderboardAsync(dir, folder);

            Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("__pwned"));
            Assert.Empty(page.QuerySelectorAll("img[onerror]"));
            Assert.DoesNotContain(page.QuerySelectorAll("p.note"), p => p.TextContent.StartsWith("No misses"));
            var misses = page.QuerySelectorAll("div.miss").ToList();
            Assert.Equal(2, misses.Count); // one per subset (odd: pair 1, even: pair 2)

            var loss = misses.Single(m => m.QuerySelector("p.miss-id")!.TextContent.Contains("pair-002"));
            Assert.Equal("Miss on item pair-002: chosen scored -2 votes, rejected +2 votes", Normal(loss.QuerySelector("p.miss-id")!.TextContent));
            Assert.Equal(["Question 2?", "GOOD answer 2", "BAD answer 2"], loss.QuerySelectorAll("div.qa:not(.judge) pre").Select(p => p.TextContent));
            Assert.Equal(
                [
                    ("Judge, chosen shown first: verdict B · chosen loses", $"{Image} so [[B]]"),
                    ("Judge, rejected shown first: verdict A · chosen loses", "First is better. [[A]]"),
                ],
                Judgments(loss));

            var tie = misses.Single(m => m.QuerySelector("p.miss-id")!.TextContent.Contains("pair-001"));
            Assert.StartsWith("Tie on item pair-001: chosen scored 0 votes", Normal(tie.QuerySelector("p.miss-id")!.TextContent));
            Assert.Equal(
                [
                    ("Judge, chosen shown first: verdict A · chosen wins", $"{Script} [[A]]"),
                    ("Judge, rejected shown first: verdict A · chosen loses", $"{Script} [[A]]"),
                ],
                Judgments(tie));
        }
    }

    [Fact]
    public async Task A_missed_style_matrix_cell_shows_its_two_answers_and_an_unparsed_verdict()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "matrix.parquet");
        await Core.Data.ParquetDatasetWriter.WriteAsync(path, "style-matrix",
            [new Core.Data.CanonicalRow { Id = "m-0", Subset = "s", Prompt = "Q?", Chosen = ["GOOD c0", "GOOD c1", "GOOD c2"], Rejected = ["BAD r0", "BAD r1", "BAD r2"] }]);
        // Cell m12 (GOOD c1 vs BAD r2): no verdict in either order, even after the follow-up; every other cell judged fairly.
        await using var server = await FakeJudgeServer.StartAsync(call =>
            call.ReplyA is "GOOD c1" or "BAD r2" && call.ReplyB is "GOOD c1" or "BAD r2" ? new JudgeAnswer("Hard to say.") : Fair(call));
        var run = await Cli.Cli.RunAsync(RunArgs(dir, path, server.Spec()));
        Assert.True(run.ExitCode == 0, run.All);
        var folder = Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories).Single())!;

        var page = await LeaderboardAsync(dir, folder);

        var miss = Assert.Single(page.QuerySelectorAll("div.miss"));
        Assert.Equal("Tie on item m-0 · m12: chosen scored 0 votes, rejected 0 votes", Normal(miss.QuerySelector("p.miss-id")!.TextContent));
        Assert.Equal(["Q?", "GOOD c1", "BAD r2"], miss.QuerySelectorAll("div.qa:not(.judge) pre").Select(p => p.TextContent));
        Assert.Equal(
            [
                ("Judge, chosen shown first: unparsed · no verdict", "Hard to say.\n\nHard to say."),
                ("Judge, rejected shown first: unparsed · no verdict", "Hard to say.\n\nHard to say."),
            ],
            Judgments(miss));
    }

    private static async Task<IDocument> LeaderboardAsync(string dir, string runFolder)
    {
        var html = Path.Combine(dir, "leaderboard.html");
        var result = await Cli.Cli.RunAsync("leaderboard", runFolder, "-o", html);
        Assert.True(result.ExitCode == 0, result.All);
        return new HtmlParser().ParseDocument(await File.ReadAllTextAsync(html));
    }

    private static List<(string Label, string Text)> Judgments(IElement miss) =>
        [.. miss.QuerySelectorAll("div.qa.judge").Select(j => (Normal(j.QuerySelector("p.lbl")!.TextContent), j.QuerySelector("pre")!.TextContent))];

    private static string Normal(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
