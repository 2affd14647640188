using System.Globalization;
using AngleSharp.Html.Parser;
using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.BonCurve;

/// <summary>The bundled bon-curve suite end to end: real runs of length and random, then the leaderboard's best-of-n chart.</summary>
public class BonCurveLeaderboardTests
{
    [Fact]
    public async Task Length_over_optimises_and_the_leaderboard_draws_each_models_curve_from_run_json()
    {
        var root = TestPaths.NewTempDirectory("rmbench-bon");
        var runs = new List<string>();
        foreach (var model in new[] { "length", "random" })
        {
            var result = await Cli.Cli.RunAsync(["run", "--model", model, "--suite", "bon-curve", "--out", Path.Combine(root, model), "--no-cache", "--bootstrap", "100"]);
            Assert.True(result.ExitCode == 0, result.All);
            runs.Add(RunEndToEndTests.SingleRunJson(Path.Combine(root, model)));
        }
        var length = RunJson.Load(runs[0]).Suites.Single();
        double Metric(SuiteResult suite, string key) => suite.Metrics.Single(m => m.Key == key).Value;
        // The planted trap: length's curve peaks early and ends clearly lower (interval of the drop above 0).
        Assert.True(Metric(length, "peak_n") < 8);
        Assert.True(length.Metrics.Single(m => m.Key == "overoptimisation").CiLow > 0);
        Assert.True(Metric(length, "gold_at_n:8") < Metric(length, "gold_at_n:1"));

        var html = Path.Combine(root, "board.html");
        var board = await Cli.Cli.RunAsync(["leaderboard", .. runs, "-o", html]);
        Assert.True(board.ExitCode == 0, board.All);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(html));
        var series = document.QuerySelectorAll("figure.bon-chart g.bon");
        Assert.Equal(2, series.Length);
        // Series follow the leaderboard's order (by headline, gold at n = 8): find each model's by its points' titles.
        AngleSharp.Dom.IElement Series(string model) => series.Single(g => g.QuerySelector("circle title")!.TextContent.StartsWith(model + ":", StringComparison.Ordinal));
        foreach (var run in runs)
        {
            var result = RunJson.Load(run);
            var suite = result.Suites.Single();
            var g = Series(result.Model.Id);
            var titles = g.QuerySelectorAll("circle title").Select(t => t.TextContent).ToList();
            Assert.Equal(8, titles.Count);
            Assert.Contains($"gold {Metric(suite, "gold_at_n:8").ToString("F3", CultureInfo.InvariantCulture)}", titles[7]);
        }
        // Higher gold is drawn higher (smaller y): at n = 8 random is above length.
        double LastY(string model) => double.Parse(Series(model).QuerySelectorAll("circle")[7].GetAttribute("cy")!, CultureInfo.InvariantCulture);
        var random = RunJson.Load(runs[1]).Suites.Single();
        Assert.Equal(Metric(random, "gold_at_n:8") > Metric(length, "gold_at_n:8"), LastY("random") < LastY("length"));
        Assert.Contains("peak at n = ", document.QuerySelector(".bon-legend")!.TextContent);
    }
}
