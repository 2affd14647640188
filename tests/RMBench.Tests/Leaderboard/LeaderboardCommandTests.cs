using AngleSharp.Html.Parser;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Leaderboard;

/// <summary>`rmbench leaderboard` through the real CLI: inputs, exit codes, dataset-version flags, missing scores, throughput.</summary>
[Collection(LeaderboardCollection.Name)]
public sealed class LeaderboardCommandTests(LeaderboardRuns runs)
{
    [Fact]
    public async Task Run_folders_and_run_json_files_give_the_same_page()
    {
        var dir = TestPaths.NewTempDirectory();
        var fromFiles = Path.Combine(dir, "files.html");
        var fromFolders = Path.Combine(dir, "folders.html");

        var a = await Cli.Cli.RunAsync(["leaderboard", .. runs.CleanRuns, "-o", fromFiles]);
        var b = await Cli.Cli.RunAsync(["leaderboard", .. runs.CleanRuns.Select(Path.GetDirectoryName)!, "-o", fromFolders]);

        Assert.True(a.ExitCode == 0, a.All);
        Assert.True(b.ExitCode == 0, b.All);
        Assert.Contains("4 models · 2 suites · 4 runs", a.Out);
        Assert.Equal(await File.ReadAllTextAsync(fromFiles), await File.ReadAllTextAsync(fromFolders));
    }

    [Fact]
    public async Task A_missing_run_json_exits_3_naming_the_file()
    {
        var missing = Path.Combine(runs.Root, "nowhere", "run.json");

        var result = await Cli.Cli.RunAsync("leaderboard", runs.CleanRuns[0], missing, "-o", Path.Combine(runs.Root, "x.html"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(missing, result.Err);
        Assert.Contains("file not found", result.Err);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(File.Exists(Path.Combine(runs.Root, "x.html")));
    }

    [Theory]
    [InlineData("{ \"schema_version\": 1, ", "is not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{ \"schema_version\": 1, \"status\": \"complete\" }", "is not a valid run.json")]
    [InlineData("{ \"schema_version\": 9 }", "schema_version 9")]
    public async Task An_invalid_run_json_exits_3_naming_the_file(string content, string message)
    {
        var dir = TestPaths.NewTempDirectory();
        var bad = Path.Combine(dir, "run.json");
        await File.WriteAllTextAsync(bad, content);

        var result = await Cli.Cli.RunAsync("leaderboard", bad, "-o", Path.Combine(dir, "x.html"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(bad, result.Err);
        Assert.Contains(message, result.Err);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task A_folder_without_run_json_exits_3()
    {
        var dir = TestPaths.NewTempDirectory();

        var result = await Cli.Cli.RunAsync("leaderboard", dir, "-o", Path.Combine(dir, "x.html"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("is a folder without a run.json", result.Err);
    }

    [Fact]
    public async Task Runs_of_one_suite_over_different_datasets_are_flagged_not_compared_silently()
    {
        var dir = TestPaths.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "v1"));
        Directory.CreateDirectory(Path.Combine(dir, "v2"));
        var v1 = Path.Combine(dir, "v1", "pairs.parquet");
        var v2 = Path.Combine(dir, "v2", "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(v1, "pairwise", Datasets.Pairs(30));
        await ParquetDatasetWriter.WriteAsync(v2, "pairwise", Datasets.Pairs(36));
        Assert.Equal(0, (await Cli.Cli.RunAsync("run", "--suite", v1, "--model", "length", "--out", Path.Combine(dir, "a"), "--bootstrap", "50", "--no-cache")).ExitCode);
        Assert.Equal(0, (await Cli.Cli.RunAsync("run", "--suite", v2, "--model", "random", "--out", Path.Combine(dir, "b"), "--bootstrap", "50", "--no-cache")).ExitCode);
        var output = Path.Combine(dir, "lb.html");

        var result = await Cli.Cli.RunAsync("leaderboard", RunEndToEndTests.SingleRunJson(Path.Combine(dir, "a")),
            RunEndToEndTests.SingleRunJson(Path.Combine(dir, "b")), "-o", output);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("warning: Suite pairs was run on 2 different dataset versions", result.Out);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(output));
        Assert.Contains("2 dataset versions", document.QuerySelector("#board thead")!.TextContent);
        Assert.Equal(["data A", "data B"], document.QuerySelectorAll("#board tbody .tag").Select(t => t.TextContent).Order());
        Assert.Contains("not comparable", document.QuerySelector(".notice-warn")!.TextContent);
    }

    [Fact]
    public async Task A_run_without_scores_parquet_still_renders_and_says_the_chart_needs_it()
    {
        var dir = TestPaths.NewTempDirectory();
        var copy = Path.Combine(dir, RunFiles.RunJson);
        File.Copy(runs.CleanRuns[0], copy);
        var output = Path.Combine(dir, "lb.html");

        var result = await Cli.Cli.RunAsync("leaderboard", copy, "-o", output);

        Assert.True(result.ExitCode == 0, result.All);
        var text = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(output)).Body!.TextContent;
        Assert.Contains($"No scores.parquet beside {copy}: the length chart needs it.", text);
        Assert.Contains("examples unavailable", text);
    }

    [Fact]
    public async Task A_partial_run_without_suites_still_renders_with_a_partial_badge()
    {
        var dir = TestPaths.NewTempDirectory();
        var empty = Path.Combine(dir, RunFiles.RunJson);
        await RunJson.WriteAsync(empty, RunJson.Load(runs.CleanRuns[0]) with { Suites = [], Status = "partial" });
        var output = Path.Combine(dir, "lb.html");

        var result = await Cli.Cli.RunAsync("leaderboard", empty, "-o", output);

        Assert.True(result.ExitCode == 0, result.All);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(output));
        Assert.Single(document.QuerySelectorAll("#board tbody tr"));
        Assert.Equal("partial", document.QuerySelector("#m0 .badge-warn")!.TextContent);
    }

    [Fact]
    public async Task Bench_results_add_throughput_columns_for_the_matching_model()
    {
        var dir = TestPaths.NewTempDirectory();
        var length = RunJson.Load(runs.CleanRuns[0]).Model;
        var offline = Path.Combine(dir, "bench.json");
        await BenchJson.WriteAsync(offline, new BenchResult
        {
            ModelId = length.Id, ModelDigest = length.Digest, Scenario = "offline", Device = "cpu (2 cores)",
            PairsPerSecond = 1234.5, TokensPerSecond = 56789, LatencyP50Ms = 0.8, LatencyP90Ms = 1.5, LatencyP99Ms = 2.25,
        });
        var server = Path.Combine(dir, "server.json");
        await BenchJson.WriteAsync(server, new BenchResult
        {
            ModelId = length.Id, ModelDigest = length.Digest, Scenario = "server", Device = "cpu (2 cores)",
            PeakQps = 900, LatencyBoundMs = 50, LatencyP99Ms = 41,
        });
        var output = Path.Combine(dir, "lb.html");

        var result = await Cli.Cli.RunAsync(["leaderboard", .. runs.CleanRuns, offline, "--bench", server, "-o", output]);

        Assert.True(result.ExitCode == 0, result.All);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(output));
        var headers = document.QuerySelectorAll("#board thead th").Select(h => h.TextContent).ToList();
        Assert.Contains(headers, h => h.StartsWith("Pairs/s", StringComparison.Ordinal));
        var lengthRow = document.QuerySelectorAll("#board tbody tr").Single(r => r.QuerySelector("a.model")!.TextContent == "length");
        var cells = lengthRow.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        // The offline record wins for the table: 1234.5 pairs/s shown as "1235" (>= 100: no decimals, half away from zero), p99 2.25 ms as "2.25".
        Assert.Equal(["1235", "2.25"], cells[^2..]);
        var throughput = document.QuerySelector("#throughput")!.TextContent;
        Assert.Contains("900 at p99 ≤ 50.0 ms", throughput);
        Assert.Contains("56789", throughput);
    }

    [Fact]
    public async Task An_invalid_bench_json_exits_3_naming_the_file()
    {
        var dir = TestPaths.NewTempDirectory();
        var bad = Path.Combine(dir, "bench.json");
        await File.WriteAllTextAsync(bad, """{ "schema_version": 1, "model_id": "m", "model_digest": "d", "scenario": "offline", "device": "cpu", "pairs_per_second": -1 }""");

        var result = await Cli.Cli.RunAsync("leaderboard", runs.CleanRuns[0], bad, "-o", Path.Combine(dir, "x.html"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(bad, result.Err);
        Assert.Contains("pairs_per_second", result.Err);
    }

    [Fact]
    public async Task The_same_runs_give_byte_identical_pages()
    {
        var first = await File.ReadAllTextAsync(await runs.LeaderboardAsync("same-a", runs.CleanRuns));
        var second = await File.ReadAllTextAsync(await runs.LeaderboardAsync("same-b", runs.CleanRuns));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_page_over_a_mebibyte_is_written_whole()
    {
        var path = await runs.LeaderboardAsync("hostile", [.. runs.CleanRuns, .. runs.HostileRuns]);
        var html = await File.ReadAllTextAsync(path);

        // Scriban's default limits would cut this page at 1 MiB and stop loops at 1000 iterations.
        Assert.True(html.Length > 1 << 20, $"page is only {html.Length} characters; grow the fixture");
        Assert.EndsWith("</html>\n", html);
        Assert.Equal(runs.CleanRuns.Count + runs.HostileRuns.Count - 2, new HtmlParser().ParseDocument(html).QuerySelectorAll("#board tbody tr").Length);
    }
}
