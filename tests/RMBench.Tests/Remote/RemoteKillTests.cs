using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Remote;

[Collection(RemoteCollection.Name)]
public class RemoteKillTests
{
    static RemoteKillTests() => RemoteCollection.FastRetries();

    [Fact]
    public async Task Kill_9_of_an_rmbench_process_mid_run_against_a_server_then_rerun_gives_identical_metrics()
    {
        await using var server = await FakeRewardServer.StartAsync();
        server.Delay = TimeSpan.FromMilliseconds(15);
        var (dir, data) = await RemoteRunTests.DataAsync(100);
        string[] args = ["run", "--model", $"vllm:{server.Url}#{FakeRewardServer.ModelName}", "--suite", data, "--out", Path.Combine(dir, "remote"),
            "--batch-size", "4", "--concurrency", "2", "--no-cache", "--bootstrap", "100"];
        using (var process = CliRunner.Start(dir, args))
        {
            await WaitForJournalAsync(Path.Combine(dir, "remote"), minLines: 20, process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var resumed = await CliRunner.RunProcessAsync(dir, args);
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains("resumed from journal", resumed.Out);
        Assert.Equal(await RemoteRunTests.LengthMetricsAsync(dir, data), RemoteRunTests.Metrics(dir, "remote"));
        Assert.InRange(server.ScoringCalls, 200, 200 + 8); // at most the batches in flight at the kill are scored twice
    }

    private static async Task WaitForJournalAsync(string root, int minLines, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail("the run ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            var journal = Directory.Exists(root) ? Directory.EnumerateFiles(root, "journal.jsonl", SearchOption.AllDirectories).FirstOrDefault() : null;
            if (journal is not null && Lines(journal) >= minLines) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("journal did not grow");
    }

    private static int Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is not null) count++;
        return count;
    }
}
