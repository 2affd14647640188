using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Import;
using RMBench.Core.Results;
using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Suites;

/// <summary>
/// The kind recorded in a canonical file's Parquet metadata decides how an ad-hoc `--suite FILE.parquet` is scored:
/// an RM-Bench file fits both style-matrix and best-of-n, and used to be scored as best-of-n without a word.
/// </summary>
public class RecordedKindTests
{
    private static async Task<string> ImportRmBenchChatAsync(string dir)
    {
        var data = Path.Combine(dir, "chat.parquet");
        var import = await CliRunner.RunAsync("import", "--format", "rm-bench", TestPaths.Shared("rm-bench/chat_filtered.json"), "-o", data);
        Assert.True(import.ExitCode == 0, import.All);
        return data;
    }

    private static async Task<string> WriteUnrecordedMatrixAsync(string dir)
    {
        var rows = (await new RmBenchImporter().ImportAsync(TestPaths.Shared("rm-bench/chat_filtered.json"), CancellationToken.None)).Rows;
        var data = Path.Combine(dir, "legacy.parquet");
        await ParquetDatasetWriter.WriteUnrecordedAsync(data, "style-matrix", rows);
        return data;
    }

    [SharedDataFact("rm-bench")]
    public async Task Every_canonical_writer_records_the_kind_and_schema_version()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await ImportRmBenchChatAsync(dir);
        Assert.Equal(("style-matrix", DatasetMetadata.SchemaVersion), await DatasetMetadata.ReadAsync(data));
        // The bundled sample files are written by the same writer.
        Assert.Equal("verify", (await DatasetMetadata.ReadAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "verify.parquet"))).Kind);
        Assert.Equal("image-response", (await DatasetMetadata.ReadAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "multimodal-answers.parquet"))).Kind);
        Assert.Equal((null, null), await DatasetMetadata.ReadAsync(await WriteUnrecordedMatrixAsync(dir)));
    }

    [SharedDataFact("rm-bench")]
    public async Task An_imported_rm_bench_file_run_ad_hoc_gives_the_style_matrix_metrics()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await ImportRmBenchChatAsync(dir);

        var run = await CliRunner.RunAsync("run", "--suite", data, "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "100");

        Assert.True(run.ExitCode == 0, run.All);
        var suite = RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "out"))).Suites.Single();
        var keys = suite.Metrics.Select(m => m.Key).ToList();
        Assert.Contains("rm_bench:hard", keys);
        Assert.Contains("rm_bench:normal", keys);
        Assert.Contains("rm_bench:easy", keys);
        Assert.Equal(129, suite.Counts.Items);
        // Longer wins: the detailed variants beat the concise ones, so "easy" (chosen more styled) beats "hard".
        var hard = suite.Metrics.Single(m => m.Key == "rm_bench:hard").Value;
        var easy = suite.Metrics.Single(m => m.Key == "rm_bench:easy").Value;
        Assert.True(easy > hard, $"easy {easy} <= hard {hard}");
    }

    [SharedDataFact("rm-bench")]
    public async Task An_ambiguous_file_without_a_recorded_kind_exits_3_naming_the_kinds_and_the_fix()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WriteUnrecordedMatrixAsync(dir);

        var run = await CliRunner.RunAsync("run", "--suite", data, "--model", "length", "--out", Path.Combine(dir, "out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(data, run.Err);
        Assert.Contains("ambiguous", run.Err);
        Assert.Contains("best-of-n, style-matrix", run.Err);
        Assert.Contains("--kind KIND", run.Err);
        Assert.Contains("suite.json", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")));
    }

    [SharedDataFact("rm-bench")]
    public async Task Kind_picks_how_a_file_is_read_on_run_and_bench()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WriteUnrecordedMatrixAsync(dir);

        var asMatrix = await CliRunner.RunAsync("run", "--suite", data, "--kind", "style-matrix", "--model", "length", "--out", Path.Combine(dir, "m"), "--bootstrap", "100");
        var asBestOfN = await CliRunner.RunAsync("run", "--suite", data, "--kind", "best-of-n", "--model", "length", "--out", Path.Combine(dir, "b"), "--bootstrap", "100");
        var bench = await CliRunner.RunAsync("bench", "--suite", data, "--kind", "style-matrix", "--model", "length", "--duration", "0.2", "--warmup", "0",
            "--out", Path.Combine(dir, "bench"));

        Assert.True(asMatrix.ExitCode == 0, asMatrix.All);
        Assert.True(asBestOfN.ExitCode == 0, asBestOfN.All);
        Assert.True(bench.ExitCode == 0, bench.All);
        Assert.Contains(RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "m"))).Suites.Single().Metrics, m => m.Key == "rm_bench:hard");
        Assert.DoesNotContain(RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "b"))).Suites.Single().Metrics, m => m.Key == "rm_bench:hard");
        Assert.True(File.Exists(Path.Combine(dir, "bench", BenchJson.FileName)));
    }

    [SharedDataFact("rm-bench")]
    public async Task Kind_must_be_a_registered_kind_and_applies_to_files_only()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WriteUnrecordedMatrixAsync(dir);

        var unknown = await CliRunner.RunAsync("run", "--suite", data, "--kind", "style-matrx", "--model", "length", "--out", Path.Combine(dir, "out"));
        var named = await CliRunner.RunAsync("run", "--suite", "general", "--kind", "pairwise", "--model", "length", "--out", Path.Combine(dir, "out"));

        Assert.Equal(ExitCodes.InvalidInput, unknown.ExitCode);
        Assert.Contains("--kind", unknown.Err);
        Assert.Contains("style-matrix", unknown.Err); // did you mean
        Assert.Equal(ExitCodes.InvalidInput, named.ExitCode);
        Assert.Contains("applies to --suite FILE.parquet only", named.Err);
    }

    [SharedDataFact("rm-bench")]
    public async Task Inspect_shows_the_recorded_kind()
    {
        var dir = TestPaths.NewTempDirectory();
        var recorded = await CliRunner.RunAsync("inspect", await ImportRmBenchChatAsync(dir));
        var legacy = await CliRunner.RunAsync("inspect", await WriteUnrecordedMatrixAsync(dir));

        Assert.Equal(0, recorded.ExitCode);
        Assert.Contains("recorded kind: style-matrix (schema version 1)", recorded.Out);
        Assert.Contains("recorded kind: none", legacy.Out);
        Assert.Contains("kind best-of-n: valid", legacy.Out);
        Assert.Contains("kind style-matrix: valid", legacy.Out);
    }
}
