using AngleSharp.Html.Parser;
using RMBench.Core.Results;

namespace RMBench.Tests.Bench;

public sealed class BenchLeaderboardTests
{
    [Fact]
    public async Task The_leaderboard_shows_a_bench_json_written_by_rmbench_bench_as_throughput_rows()
    {
        var dir = TestPaths.NewTempDirectory("rmbench-bench-board");
        var run = await Cli.Cli.RunAsync("run", "--model", "baseline", "--suite", BenchFixtures.Dataset, "--out", dir, "--no-cache", "--bootstrap", "50");
        Assert.True(run.ExitCode == 0, run.All);
        var benchDir = Path.Combine(dir, "bench");
        var bench = await Cli.Cli.RunAsync("bench", "--model", "baseline", "--suite", BenchFixtures.Dataset, "--duration", "0.2", "--warmup", "0", "--out", benchDir);
        Assert.True(bench.ExitCode == 0, bench.All);
        var runJson = Directory.GetFiles(Path.Combine(dir, "runs"), "run.json", SearchOption.AllDirectories).Single();
        var benchJson = Path.Combine(benchDir, BenchJson.FileName);
        var html = Path.Combine(dir, "leaderboard.html");

        var board = await Cli.Cli.RunAsync("leaderboard", runJson, "--bench", benchJson, "-o", html);
        Assert.True(board.ExitCode == 0, board.All);

        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(html));
        var row = document.QuerySelectorAll("table").Single(t => t.QuerySelector("th")?.TextContent == "Model" && t.TextContent.Contains("Peak QPS"))
            .QuerySelectorAll("tbody tr").Single();
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Contains("baseline", row.QuerySelector("th")!.TextContent);
        Assert.Equal("offline", cells[0]);
        var result = BenchJson.Load(benchJson).Single();
        var pairs = result.PairsPerSecond!.Value;
        Assert.Contains($"concurrency {result.Workload!.Concurrency}", cells[2]); // the setup that tells measurements apart
        Assert.NotEqual("—", cells[3]); // pairs/s shown
        Assert.True(double.Parse(cells[3].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) > 0, cells[3]);
        Assert.InRange(pairs, 0.001, double.MaxValue);
    }
}
