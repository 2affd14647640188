using System.Text.Json;
using RMBench.Core.Running;
using static RMBench.Tests.Judge.JudgeTestData;

namespace RMBench.Tests.Judge;

/// <summary>A judge run never pays twice for a finished judgment: after kill -9, and after --max-requests.</summary>
public class JudgeResumeTests
{
    [Fact]
    public async Task A_run_killed_mid_way_resumes_without_re_asking_finished_judgments()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 30);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call), delay: TimeSpan.FromMilliseconds(100));
        var args = RunArgs(dir, data, server.Spec(), "--batch-size", "4");

        HashSet<(string, string)> finished;
        using (var process = Cli.Cli.Start(dir, args))
        {
            var log = await WaitForJudgmentsAsync(Path.Combine(dir, "out"), minLines: 12, process);
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();
            finished = Judgments(log);
        }
        var askedBeforeRerun = server.Count;
        var resumed = await Cli.Cli.RunProcessAsync(dir, args);

        Assert.True(resumed.ExitCode == 0, resumed.All);
        var askedAfter = server.Calls.Where(c => c.Number > askedBeforeRerun)
            .Select(c => ("pair-" + c.ReplyA!.Split(' ')[^1].PadLeft(3, '0'), c.ReplyA.Contains("GOOD") ? ComparisonScoring.ChosenFirst : ComparisonScoring.RejectedFirst))
            .ToList();
        Assert.Empty(askedAfter.Intersect(finished));
        Assert.Equal(60 - finished.Count, askedAfter.Count);
        using var run = RunJson(dir);
        Assert.Equal("complete", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(1.0, Metric(run, "accuracy"));
        Assert.Equal(1.0, Metric(run, "position_consistency"));
        Assert.Equal(60, run.RootElement.GetProperty("suites")[0].GetProperty("judge").GetProperty("judgments").GetInt32());
    }

    [Fact]
    public async Task Max_requests_stops_the_run_partial_and_the_rerun_finishes_the_rest()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 6);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));

        var stopped = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--max-requests", "5"));
        Assert.True(stopped.ExitCode == 4, stopped.All);
        Assert.Contains("--max-requests 5 reached", stopped.All);
        Assert.Equal(5, server.Count);

        var finished = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--price-per-mtok", "2.5,10"));
        Assert.True(finished.ExitCode == 0, finished.All);
        Assert.Equal(12, server.Count);
        using var run = RunJson(dir);
        var usage = run.RootElement.GetProperty("suites")[0].GetProperty("judge");
        Assert.Equal(12, usage.GetProperty("requests").GetInt32());
        // 12 calls x (10 prompt, 3 completion) tokens: (120 x 2.5 + 36 x 10) / 1e6
        Assert.Equal((120 * 2.5 + 36 * 10) / 1e6, usage.GetProperty("estimated_cost").GetDouble(), 12);
    }

    private static async Task<string> WaitForJudgmentsAsync(string outRoot, int minLines, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail("the run ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            var log = Directory.Exists(outRoot) ? Directory.EnumerateFiles(outRoot, JudgmentLog.FileName, SearchOption.AllDirectories).FirstOrDefault() : null;
            if (log is not null && Judgments(log).Count >= minLines) return log;
            await Task.Delay(20);
        }
        throw new TimeoutException("judgments journal did not grow");
    }

    /// <summary>(item, order) of every complete line of the judgments journal.</summary>
    private static HashSet<(string, string)> Judgments(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var result = new HashSet<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                result.Add((json.RootElement.GetProperty("item_id").GetString()!, json.RootElement.GetProperty("order").GetString()!));
            }
            catch (JsonException) { } // a line being written
        }
        return result;
    }
}
