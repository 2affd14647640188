using System.Text.Json;
using RMBench.Core.Data;

namespace RMBench.Tests.Cli;

public class ResumeAfterKillTests
{
    [Fact]
    public async Task A_run_killed_half_way_resumes_from_its_journal_and_matches_an_uninterrupted_run()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(120));
        string[] args = ["run", "--model", "test-slow:100", "--suite", data, "--out", Path.Combine(dir, "out"), "--batch-size", "8", "--no-cache", "--bootstrap", "200"];

        using (var process = Cli.Start(dir, args))
        {
            var journal = await WaitForJournalLinesAsync(Path.Combine(dir, "out", "runs", "test-slow"), minLines: 11, process);
            process.Kill(entireProcessTree: true); // SIGKILL: no chance to write anything more
            await process.WaitForExitAsync();
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(journal)!, "run.json")));
            // The killed writer's temporary Parquet files are left behind...
            Assert.NotEmpty(Directory.GetFiles(Path.GetDirectoryName(journal)!, ".*.tmp"));
        }
        var runFolder = Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(dir, "out"), "journal.jsonl", SearchOption.AllDirectories).Single())!;

        var resumed = await Cli.RunProcessAsync(dir, args);
        // ...and removed by the resumed run.
        Assert.Empty(Directory.GetFiles(runFolder, "*.tmp"));
        var uninterrupted = await Cli.RunProcessAsync(dir, ["run", "--model", "test-slow:0", "--suite", data, "--out", Path.Combine(dir, "out2"), "--batch-size", "8", "--no-cache", "--bootstrap", "200"]);

        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains("resumed from journal", resumed.Out);
        using var resumedRun = RunJson(Path.Combine(dir, "out"));
        using var fullRun = RunJson(Path.Combine(dir, "out2"));
        var counts = resumedRun.RootElement.GetProperty("counts");
        var fromJournal = counts.GetProperty("from_journal").GetInt32();
        Assert.InRange(fromJournal, 80, 232);
        Assert.Equal(240 - fromJournal, counts.GetProperty("model_calls").GetInt32());
        Assert.Equal(Metrics(fullRun), Metrics(resumedRun));
    }

    private static async Task<string> WaitForJournalLinesAsync(string modelFolder, int minLines, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail("the run ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            var journal = Directory.Exists(modelFolder)
                ? Directory.EnumerateFiles(modelFolder, "journal.jsonl", SearchOption.AllDirectories).FirstOrDefault()
                : null;
            if (journal is not null && CountLines(journal) >= minLines) return journal;
            await Task.Delay(20);
        }
        throw new TimeoutException("journal did not grow");
    }

    private static int CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is not null) count++;
        return count;
    }

    private static JsonDocument RunJson(string outRoot) =>
        JsonDocument.Parse(File.ReadAllText(Directory.EnumerateFiles(outRoot, "run.json", SearchOption.AllDirectories).Single()));

    private static string Metrics(JsonDocument run) => run.RootElement.GetProperty("suites")[0].GetProperty("metrics").GetRawText();
}
