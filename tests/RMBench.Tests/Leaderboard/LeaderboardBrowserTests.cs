using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using RMBench.Core.Results;
using RMBench.Reports.Leaderboard;

namespace RMBench.Tests.Leaderboard;

/// <summary>The generated leaderboard in a real headless Chromium: sorting, drill-down, charts, phone width, hostile strings.</summary>
[Collection(LeaderboardCollection.Name)]
public sealed class LeaderboardBrowserTests(LeaderboardRuns runs, Browser browser)
{
    /// <summary>Screenshots and the pages they show, kept in the test output folder for review.</summary>
    public static string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestOutput", "leaderboard");

    private Task<string> CleanPageAsync() => runs.LeaderboardAsync("clean", runs.CleanRuns);

    private Task<string> HostilePageAsync() => runs.LeaderboardAsync("hostile", [.. runs.CleanRuns, .. runs.HostileRuns]);

    [Fact]
    public async Task Sorting_a_suite_column_orders_rows_by_its_headline_and_toggles_direction()
    {
        var opened = await browser.OpenAsync(await CleanPageAsync());
        var page = opened.Page;
        // Expected values straight from the run.json files: the pairs suite's headline of each run.
        var expected = runs.CleanRuns.Select(RunJson.Load)
            .Select(r => r.Suites.Single(s => s.Name == "pairs"))
            .Select(s => s.Metrics.Single(m => m.Key == s.Headline).Value).ToList();
        var column = await ColumnIndexAsync(page, "#board", "pairs");

        await page.ClickAsync($"#board thead th:nth-child({column + 1}) button");
        var descending = await ColumnValuesAsync(page, column);
        await page.ClickAsync($"#board thead th:nth-child({column + 1}) button");
        var ascending = await ColumnValuesAsync(page, column);

        Assert.Equal(expected.OrderByDescending(v => v), descending);
        Assert.Equal(expected.OrderBy(v => v), ascending);
        Assert.Equal("ascending", await page.GetAttributeAsync($"#board thead th:nth-child({column + 1})", "aria-sort"));
        Assert.Equal(["1", "2", "3", "4"], await page.Locator("#board tbody td.rank").AllTextContentsAsync());

        await page.ClickAsync("#board thead th.name button");
        var names = await page.Locator("#board tbody th.name a.model").AllTextContentsAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Empty(opened.PageErrors);
    }

    [Fact]
    public async Task Suite_and_subset_drill_downs_open_and_show_subset_results_and_misses()
    {
        var page = (await browser.OpenAsync(await CleanPageAsync())).Page;
        var suite = page.Locator("details.suite", new PageLocatorOptions { Has = page.Locator("summary .sname", new PageLocatorOptions { HasTextString = "general" }) });
        Assert.False(await suite.Locator("table.heat").IsVisibleAsync());

        await suite.Locator("summary").First.ClickAsync();
        Assert.True(await suite.Locator("table.heat").IsVisibleAsync());
        var subset = suite.Locator("details.subset").First;
        await subset.Locator("summary").ClickAsync();

        Assert.True(await subset.EvaluateAsync<bool>("d => d.open"));
        Assert.Equal(4, await subset.Locator(".subset-model").CountAsync());
        // The length baseline misses items in every general subset; its miss shows the dataset's prompt.
        Directory.CreateDirectory(OutputFolder);
        await suite.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(OutputFolder, "leaderboard-drilldown.png") });
        Assert.True(await subset.Locator(".miss pre.text").First.IsVisibleAsync());
        Assert.NotEqual("", (await subset.Locator(".miss pre.text").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_chart_point_shows_its_item_from_the_embedded_json()
    {
        var page = (await browser.OpenAsync(await CleanPageAsync())).Page;
        var first = page.Locator("svg[data-chart='0'] circle").First;

        // A real click at the point's centre (the trend line lies over the length baseline's points and must not take it).
        await first.ClickAsync(new LocatorClickOptions { Force = true });

        // Points overlap, so the click may land on a later point drawn over this one: read the one it marked.
        var hot = await page.Locator("svg[data-chart='0'] circle.hot").GetAttributeAsync("data-i");
        var point = await page.EvaluateAsync<string>($"() => {{ const p = JSON.parse(document.getElementById('lb-data').textContent).charts[0][{hot}]; return p.id + ' (' + p.role + ')'; }}");
        var info = await page.Locator("svg[data-chart='0'] + figcaption .point-info").TextContentAsync();
        Assert.Contains(point, info);
        Assert.Contains("characters", info);
    }

    [Fact]
    public async Task The_page_logs_no_errors_and_requests_nothing_but_itself()
    {
        var file = await CleanPageAsync();
        var opened = await browser.OpenAsync(file);
        await OpenAllDetailsAsync(opened.Page);
        foreach (var button in await opened.Page.Locator("button.sort").AllAsync()) await button.ClickAsync();
        await opened.Page.Locator("svg circle").First.HoverAsync(new LocatorHoverOptions { Force = true });

        Assert.Empty(opened.ConsoleProblems);
        Assert.Empty(opened.PageErrors);
        Assert.Equal([new Uri(file).AbsoluteUri], opened.Requests.Distinct());
    }

    [Fact]
    public async Task A_full_page_screenshot_is_saved_for_review()
    {
        var file = await CleanPageAsync();
        var page = (await browser.OpenAsync(file)).Page;
        Directory.CreateDirectory(OutputFolder);
        var png = Path.Combine(OutputFolder, "leaderboard.png");
        File.Copy(file, Path.Combine(OutputFolder, "leaderboard.html"), overwrite: true);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });

        Assert.True(new FileInfo(png).Length > 20_000, "screenshot is suspiciously small");
        Assert.Equal(4, await page.Locator("#board tbody tr").CountAsync());
        Assert.Equal(3, await page.Locator("#board tbody tr.baseline").CountAsync()); // length, random and random:7; not the replay
    }

    [Theory]
    [InlineData("clean")]
    [InlineData("hostile")]
    public async Task At_phone_width_only_the_tables_scroll_not_the_page(string which)
    {
        var file = which == "clean" ? await CleanPageAsync() : await HostilePageAsync();
        var page = (await browser.OpenAsync(file, 390, 844)).Page;
        await OpenAllDetailsAsync(page);

        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var board = await page.EvaluateAsync<int[]>("() => { const s = document.querySelector('#leaderboard .scroll'); const r = s.getBoundingClientRect(); return [Math.round(r.right), s.scrollWidth, s.clientWidth]; }");
        Directory.CreateDirectory(OutputFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OutputFolder, $"leaderboard-phone-{which}.png") });

        Assert.True(pageWidth <= 390, $"page is {pageWidth}px wide at a 390px viewport");
        Assert.True(board[0] <= 390, $"table container ends at {board[0]}px");
        Assert.True(board[1] >= board[2], "the table scrolls inside its container");
    }

    [Fact]
    public async Task Hostile_strings_in_names_subsets_ids_prompts_and_answers_execute_nothing()
    {
        var opened = await browser.OpenAsync(await HostilePageAsync());
        var page = opened.Page;
        await OpenAllDetailsAsync(page);
        foreach (var button in await page.Locator("#board button.sort").AllAsync()) await button.ClickAsync();
        foreach (var circle in (await page.Locator("svg[data-chart] circle").AllAsync()).Take(12))
            await circle.DispatchEventAsync("click");
        await page.Keyboard.PressAsync("Tab");
        await page.WaitForTimeoutAsync(200);
        Directory.CreateDirectory(OutputFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OutputFolder, "leaderboard-hostile.png") });

        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a hostile payload ran");
        Assert.Empty(opened.Dialogs);
        Assert.Empty(opened.PageErrors);
        Assert.Empty(opened.ConsoleProblems); // a blocked inline script or handler would be a CSP console error
        Assert.Single(opened.Requests.Distinct());
    }

    [Fact]
    public async Task Hostile_strings_are_displayed_as_text_and_add_no_elements()
    {
        var file = await HostilePageAsync();
        var html = await File.ReadAllTextAsync(file);
        var document = new HtmlParser().ParseDocument(html);
        var page = (await browser.OpenAsync(file)).Page;
        await OpenAllDetailsAsync(page);
        var innerText = await page.InnerTextAsync("body");

        // Structure: only our two scripts, our style, our charts; no handler attributes, no foreign links.
        var scripts = document.QuerySelectorAll("script");
        Assert.Equal(2, scripts.Length);
        Assert.Equal("application/json", scripts[0].GetAttribute("type"));
        Assert.Equal(EmbeddedTemplates.Read("page.js"), scripts[1].TextContent);
        Assert.Single(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("img, iframe, input, math, object, embed, form, base, link"));
        Assert.All(document.QuerySelectorAll("svg"), svg => Assert.True(svg.HasAttribute("data-chart")));
        Assert.All(document.QuerySelectorAll("[href]"), a => Assert.StartsWith("#", a.GetAttribute("href")));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));

        // Text: every string appears as written (NUL shown as U+FFFD), in the parsed document and in the rendered page.
        var textContent = document.Body!.TextContent;
        var names = document.QuerySelectorAll("#board a.model").Select(a => a.GetAttribute("title")!).ToList();
        foreach (var s in HostileStrings.All)
        {
            var shown = HostileStrings.Displayed(s);
            Assert.Contains(shown, textContent);
            Assert.Contains(Visible(shown), innerText);
            Assert.Contains(names, title => title.Contains(shown, StringComparison.Ordinal));
        }

        // Bidi: a name with an unterminated override is isolated, so it cannot reorder the text after it.
        var rlo = HostileStrings.All.Single(s => s.Contains("unterminated override"));
        Assert.Contains(document.QuerySelectorAll("#board a.model"), a => a.TextContent == "\u2068" + rlo + "\u2069");

        // JSON island: ids with </script>, U+2028 and NUL come back from JSON.parse exactly.
        var ids = await page.EvaluateAsync<string[]>("() => JSON.parse(document.getElementById('lb-data').textContent).charts.flat().map(p => p.id)");
        Assert.Contains(ids, id => id.EndsWith(HostileStrings.All[5], StringComparison.Ordinal));
        Assert.Contains(ids, id => id.EndsWith(HostileStrings.All[22], StringComparison.Ordinal));
        Assert.Contains(ids, id => id.EndsWith(HostileStrings.All[21], StringComparison.Ordinal));
    }

    /// <summary>innerText may fold the line and paragraph separators; compare what a reader sees around them.</summary>
    private static string Visible(string s) => s.Contains('\u2028') ? s[..s.IndexOf('\u2028')] : s;

    private static Task OpenAllDetailsAsync(IPage page) =>
        page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");

    private static async Task<int> ColumnIndexAsync(IPage page, string table, string heading)
    {
        var headers = await page.Locator($"{table} thead th").AllTextContentsAsync();
        var index = headers.ToList().FindIndex(h => h.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no column {heading} in {string.Join(" | ", headers)}");
        return index;
    }

    private static async Task<List<double>> ColumnValuesAsync(IPage page, int column)
    {
        var values = await page.Locator($"#board tbody tr > :nth-child({column + 1})").EvaluateAllAsync<string[]>("cells => cells.map(c => c.getAttribute('data-sort'))");
        return values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
    }
}
