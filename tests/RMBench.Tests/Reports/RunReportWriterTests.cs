using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Reports;

namespace RMBench.Tests.Reports;

public class RunReportWriterTests
{
    [Fact]
    public async Task Writes_the_three_files_and_no_temporary_files()
    {
        var dir = Path.Combine(TestPaths.NewTempDirectory(), "runs", "length", "general-20250102T030405Z");
        var files = await RunReportWriter.WriteAllAsync(dir, SampleRuns.Run(), SampleRuns.Scores());

        Assert.Equal(
            new[] { RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.SummaryMarkdown }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(dir, "run.json"), files.RunJson);
        Assert.Equal("length", RunJson.Load(files.RunJson).Model.Id);
        Assert.Equal(SampleRuns.Scores().Count, (await ScoresTable.ReadAsync(files.ScoresParquet)).Count);
        Assert.StartsWith("# RMBench run: length", await File.ReadAllTextAsync(files.SummaryMarkdown));
    }

    [Fact]
    public async Task Writing_again_replaces_existing_files()
    {
        var dir = TestPaths.NewTempDirectory();
        await RunReportWriter.WriteAllAsync(dir, SampleRuns.Run(status: "partial"), SampleRuns.Scores());
        await File.WriteAllTextAsync(Path.Combine(dir, RunFiles.SummaryMarkdown), new string('x', 100_000));

        var rows = new[] { new ScoreRow("general", "only", "s", "chosen", 1f, null, "h") };
        await RunReportWriter.WriteAllAsync(dir, SampleRuns.Run(modelId: "second"), rows);

        Assert.Equal(3, Directory.GetFileSystemEntries(dir).Length);
        var run = RunJson.Load(Path.Combine(dir, RunFiles.RunJson));
        Assert.Equal("second", run.Model.Id);
        Assert.Equal("complete", run.Status);
        Assert.Equal(rows, await ScoresTable.ReadAsync(Path.Combine(dir, RunFiles.ScoresParquet)));
        var summary = await File.ReadAllTextAsync(Path.Combine(dir, RunFiles.SummaryMarkdown));
        Assert.StartsWith("# RMBench run: second", summary);
        Assert.DoesNotContain("xxxx", summary);
    }

    [Fact]
    public async Task A_non_finite_metric_writes_nothing()
    {
        var dir = TestPaths.NewTempDirectory();
        var run = SampleRuns.Run(metrics: [new MetricResult("overall", "Overall", double.NaN, 0, 1, 1)]);
        await Assert.ThrowsAsync<NonFiniteNumberException>(() => RunReportWriter.WriteAllAsync(dir, run, SampleRuns.Scores()));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task Atomic_write_replaces_the_target_and_leaves_no_temporary_file()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "file.txt");
        await File.WriteAllTextAsync(path, "old contents that are longer than the new ones");

        await RMBench.Core.IO.AtomicFile.WriteAllTextAsync(path, "new");

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "scores.parquet");
        await ScoresParquet.WriteAsync(path, SampleRuns.Scores());
        var before = await File.ReadAllBytesAsync(path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RMBench.Core.IO.AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1, 2, 3 });
            throw new InvalidOperationException("killed half way");
        }));

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Equal(["scores.parquet"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }
}
