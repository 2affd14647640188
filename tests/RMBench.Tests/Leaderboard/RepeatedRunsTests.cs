using AngleSharp.Html.Parser;
using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Leaderboard;

/// <summary>
/// A new user's steps, with real CLI processes: run the same thing twice (the second from the cache), once more
/// without the cache, leave a killed run's folder behind, then build the leaderboard from the documented glob.
/// </summary>
public class RepeatedRunsTests
{
    [Fact]
    public async Task Repeated_runs_collapse_quietly_and_an_unfinished_run_folder_is_skipped_with_a_note()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(60));
        var outRoot = Path.Combine(dir, "reports");
        string[] run = ["run", "--model", "length", "--model", "random", "--suite", data, "--out", outRoot, "--bootstrap", "50"];

        var first = await CliRunner.RunProcessAsync(dir, run);
        Assert.True(first.ExitCode == 0, first.All);
        // The cache-only rerun equals the finished run: no second folder.
        var cacheOnly = await CliRunner.RunProcessAsync(dir, run);
        Assert.True(cacheOnly.ExitCode == 0, cacheOnly.All);
        Assert.Contains("model calls 0", cacheOnly.Out);
        Assert.Contains("no new run folder", cacheOnly.Out);
        Assert.Single(Directory.GetDirectories(Path.Combine(outRoot, "runs", "length")));
        // Scored again without the cache: a new folder with the same results.
        var rescored = await CliRunner.RunProcessAsync(dir, [.. run, "--no-cache"]);
        Assert.True(rescored.ExitCode == 0, rescored.All);
        var lengthRuns = Directory.GetDirectories(Path.Combine(outRoot, "runs", "length"));
        Assert.Equal(2, lengthRuns.Length);
        // A killed run leaves only its journal.
        var killed = Path.Combine(outRoot, "runs", "length", "pairs-20990101-000000");
        Directory.CreateDirectory(killed);
        File.Copy(Path.Combine(lengthRuns[0], RunFolder.JournalFile), Path.Combine(killed, RunFolder.JournalFile));

        // The shell's expansion of reports/runs/*/*.
        var glob = Directory.GetDirectories(Path.Combine(outRoot, "runs")).SelectMany(Directory.GetDirectories).Order(StringComparer.Ordinal).ToArray();
        var html = Path.Combine(dir, "leaderboard.html");
        var board = await CliRunner.RunProcessAsync(dir, ["leaderboard", .. glob, "-o", html]);

        Assert.True(board.ExitCode == 0, board.All);
        Assert.Contains($"note: {killed}: skipped, the run has not finished", board.Out);
        Assert.Contains("2 models", board.Out);
        Assert.Contains("2 identical reruns collapsed", board.Out); // length and random, rescored without the cache
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(html));
        var main = document.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("more than one run", main);
        Assert.DoesNotContain("()", main);
        // The only note (the skipped folder) is folded below the table, collapsed.
        var notes = document.QuerySelector("details.notices")!;
        Assert.False(notes.HasAttribute("open"));
        Assert.Single(notes.QuerySelectorAll(".notice"));
        Assert.True(document.QuerySelector("#board")!.CompareDocumentPosition(notes).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Empty(document.QuerySelectorAll("main > .notice, #leaderboard > .notice"));
        // The length row's provenance lists only the run it shows.
        Assert.Equal(2, document.QuerySelectorAll("details.prov dl").Length);
    }

    [Fact]
    public async Task An_explicitly_named_bad_file_or_a_folder_that_is_no_run_still_exits_3()
    {
        var dir = TestPaths.NewTempDirectory();
        var bad = Path.Combine(dir, "run.json");
        await File.WriteAllTextAsync(bad, "{\"status\": ");
        var empty = Path.Combine(dir, "empty");
        Directory.CreateDirectory(empty);
        var unfinished = Path.Combine(dir, "unfinished");
        Directory.CreateDirectory(unfinished);
        await File.WriteAllTextAsync(Path.Combine(unfinished, RunFolder.JournalFile), "{\"header\":\"rmbench-journal v1 model=x requests=y\"}\n");

        var badFile = await CliRunner.RunProcessAsync(dir, ["leaderboard", bad, "-o", Path.Combine(dir, "a.html")]);
        var noRun = await CliRunner.RunProcessAsync(dir, ["leaderboard", empty, "-o", Path.Combine(dir, "b.html")]);
        var onlyUnfinished = await CliRunner.RunProcessAsync(dir, ["leaderboard", unfinished, "-o", Path.Combine(dir, "c.html")]);

        Assert.Equal(3, badFile.ExitCode);
        Assert.Contains(bad, badFile.Err);
        Assert.Equal(3, noRun.ExitCode);
        Assert.Contains($"a folder without a {RunFiles.RunJson}", noRun.Err);
        Assert.Equal(3, onlyUnfinished.ExitCode);
        Assert.Contains("every run folder given is unfinished", onlyUnfinished.Err);
        Assert.DoesNotContain("   at ", badFile.Err + noRun.Err + onlyUnfinished.Err);
    }

    [Fact]
    public async Task Out_named_runs_holds_the_run_folders_itself_with_the_cache_beside_it()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(20));

        var result = await CliRunner.RunProcessAsync(dir, ["run", "--model", "length", "--suite", data, "--out", "runs", "--bootstrap", "20"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Single(Directory.GetDirectories(Path.Combine(dir, "runs", "length")));
        Assert.False(Directory.Exists(Path.Combine(dir, "runs", "runs")));
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "cache"), "length-*.jsonl"));
    }
}
