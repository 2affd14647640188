using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Results;

namespace RMBench.Tests.Cli;

public class RunEndToEndTests
{
    [SharedDataFact("llmbar")]
    public async Task An_imported_upstream_file_runs_as_a_suite()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "llmbar.parquet");

        var import = await Cli.RunAsync("import", "--format", "llmbar", TestPaths.Shared("llmbar"), "-o", data);
        var run = await Cli.RunAsync("run", "--suite", data, "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "100");

        Assert.True(import.ExitCode == 0, import.All);
        Assert.Contains("imported 885 rows", import.Out);
        Assert.True(run.ExitCode == 0, run.All);
        var result = RunJson.Load(SingleRunJson(Path.Combine(dir, "out")));
        Assert.Equal("complete", result.Status);
        Assert.Equal(885, result.Suites[0].Counts.Items);
        Assert.Equal(8, result.Suites[0].Subsets.Count);
    }

    [Fact]
    public async Task Replaying_a_runs_own_scores_reproduces_its_metrics_exactly()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(60));
        var original = await Cli.RunAsync("run", "--suite", data, "--model", "random:7", "--out", Path.Combine(dir, "a"), "--bootstrap", "300");
        var scores = Path.Combine(Path.GetDirectoryName(SingleRunJson(Path.Combine(dir, "a")))!, "scores.parquet");

        var replay = await Cli.RunAsync("run", "--suite", data, "--model", $"replay:{scores}", "--out", Path.Combine(dir, "b"), "--bootstrap", "300");

        Assert.True(original.ExitCode == 0, original.All);
        Assert.True(replay.ExitCode == 0, replay.All);
        var first = RunJson.Load(SingleRunJson(Path.Combine(dir, "a")));
        var second = RunJson.Load(SingleRunJson(Path.Combine(dir, "b")));
        Assert.Equal("replay", second.Model.Backend);
        Assert.Equal(Json(first.Suites[0].Metrics), Json(second.Suites[0].Metrics));
        Assert.Equal(Json(first.Suites[0].Subsets), Json(second.Suites[0].Subsets));
    }

    [Fact]
    public async Task A_repeated_run_makes_no_model_calls()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(30));
        string[] args = ["run", "--suite", data, "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "100"];

        var first = await Cli.RunAsync(args);
        var second = await Cli.RunAsync(args);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.All + second.All);
        Assert.Contains("model calls 60, cache 0", first.Out);
        Assert.Contains("model calls 0, cache 60", second.Out);
    }

    internal static string SingleRunJson(string outRoot) =>
        Directory.EnumerateFiles(outRoot, "run.json", SearchOption.AllDirectories).Single();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
