using Microsoft.Playwright;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Leaderboard;

/// <summary>
/// The page a new user gets after `rmbench run` twice with the defaults (every bundled suite, the three built-in
/// models) and two offline benches of one model, in real headless Chromium at desktop and phone width.
/// </summary>
[Collection(LeaderboardCollection.Name)]
public sealed class RepeatedRunsBrowserTests(Browser browser)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _page;

    private static async Task<string> DefaultRunsPageAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_page is not null) return _page;
            var dir = TestPaths.NewTempDirectory("rmbench-repeated");
            var reports = Path.Combine(dir, "reports");
            // Twice, the second scored again (a cache-only rerun would keep the first run's folder instead).
            foreach (var again in new[] { false, true })
            {
                var run = await CliRunner.RunAsync(["run", "--out", reports, "--bootstrap", "50", .. again ? new[] { "--no-cache" } : []]);
                Assert.True(run.ExitCode == 0, run.All);
            }
            string[] bench = ["bench", "--model", "length", "--suite", "general", "--duration", "0.2", "--warmup", "0"];
            var small = await CliRunner.RunAsync([.. bench, "--batch-size", "8", "--out", Path.Combine(dir, "bench8")]);
            var large = await CliRunner.RunAsync([.. bench, "--batch-size", "32", "--out", Path.Combine(dir, "bench32")]);
            Assert.True(small.ExitCode == 0 && large.ExitCode == 0, small.All + large.All);
            // A killed run's folder (only its journal) is skipped with a note.
            var killed = Path.Combine(reports, "runs", "length", "general-20990101-000000");
            Directory.CreateDirectory(killed);
            var finished = Directory.GetDirectories(Path.Combine(reports, "runs", "length")).First(d => d != killed);
            File.Copy(Path.Combine(finished, Core.Running.RunFolder.JournalFile), Path.Combine(killed, Core.Running.RunFolder.JournalFile));
            var runs = Directory.GetDirectories(Path.Combine(reports, "runs")).SelectMany(Directory.GetDirectories).Order(StringComparer.Ordinal);
            var html = Path.Combine(dir, "leaderboard.html");
            var board = await CliRunner.RunAsync(["leaderboard", .. runs, "--bench", Path.Combine(dir, "bench8", "bench.json"),
                "--bench", Path.Combine(dir, "bench32", "bench.json"), "-o", html]);
            Assert.True(board.ExitCode == 0, board.All);
            return _page = html;
        }
        finally
        {
            Once.Release();
        }
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 800)]
    public async Task The_table_is_on_the_first_screen_and_the_page_does_not_scroll_sideways(int width, int height)
    {
        var opened = await browser.OpenAsync(await DefaultRunsPageAsync(), width, height);
        var page = opened.Page;
        Directory.CreateDirectory(LeaderboardBrowserTests.OutputFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(LeaderboardBrowserTests.OutputFolder, $"leaderboard-repeated-{width}.png") });

        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var firstRowTop = await page.EvaluateAsync<double>("() => document.querySelector('#board tbody tr').getBoundingClientRect().top");
        Assert.True(pageWidth <= width, $"the page is {pageWidth} px wide at a {width} px viewport");
        Assert.True(firstRowTop < height - 40, $"the first row starts at {firstRowTop} px of {height}");
        if (width >= 1400)
        {
            // Every column fits: the table itself does not scroll sideways either (the p99 column is not cut).
            var (scroll, client) = (await page.EvaluateAsync<int>("() => document.querySelector('#board').parentElement.scrollWidth"),
                await page.EvaluateAsync<int>("() => document.querySelector('#board').parentElement.clientWidth"));
            Assert.True(scroll <= client, $"the table needs {scroll} px in {client} px");
            Assert.True(await page.Locator("#board thead th", new PageLocatorOptions { HasTextString = "p99 ms" }).IsVisibleAsync());
        }
        Assert.Empty(opened.PageErrors);
    }

    [Fact]
    public async Task Rows_empty_cells_and_bench_records_say_what_they_are()
    {
        var page = (await browser.OpenAsync(await DefaultRunsPageAsync(), 1400, 900)).Page;

        var names = await page.Locator("#board tbody th.name").AllInnerTextsAsync();
        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.DoesNotContain("baseline baseline", n.Replace('\n', ' ')));
        // An unsupported suite shows its reason, not a bare dash; the legend below the table explains it.
        var unsupported = page.Locator("#board td.missing .why", new PageLocatorOptions { HasTextString = "unsupported" });
        Assert.True(await unsupported.First.IsVisibleAsync());
        Assert.Contains("multimodal", await page.Locator("dl.legend").InnerTextAsync());
        // One scale: the values in the table read as in the console (0-1), ties metrics included.
        var values = await page.Locator("#board tbody td:not(.missing) .v").AllInnerTextsAsync();
        Assert.DoesNotContain(values, v => v.Contains('%'));
        // The two offline benches of length differ by their batch size, which the setup column shows.
        var setups = await page.Locator("#throughput tbody td.setup").AllInnerTextsAsync();
        Assert.Equal(2, setups.Count);
        Assert.NotEqual(setups[0], setups[1]);
        Assert.Contains("8 rows", string.Join(" ", setups));
        await page.Locator("#throughput").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(LeaderboardBrowserTests.OutputFolder, "leaderboard-repeated-throughput.png") });

        // The skipped folder's note is folded below the table; opening it shows the note.
        var notes = page.Locator("details.notices");
        Assert.False(await notes.Locator(".notice").First.IsVisibleAsync());
        await notes.Locator("summary").ClickAsync();
        Assert.Contains("has not finished", await notes.Locator(".notice").First.InnerTextAsync());
        await page.Locator("#leaderboard").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(LeaderboardBrowserTests.OutputFolder, "leaderboard-repeated-notes.png") });
    }
}
