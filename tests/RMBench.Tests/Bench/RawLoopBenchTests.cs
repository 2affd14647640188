using RMBench.Core.Results;

namespace RMBench.Tests.Bench;

/// <summary>`rmbench bench --raw-loop`: the harness against a plain ONNX Runtime loop on identical batches, through the real CLI.</summary>
public sealed class RawLoopBenchTests
{
    [Fact]
    public async Task Raw_loop_reports_both_timings_and_their_ratio_on_an_onnx_encoder()
    {
        var dir = TestPaths.NewTempDirectory("rmbench-bench-out");
        var result = await Cli.Cli.RunAsync(["bench", "--model", "onnx:" + BenchFixtures.Encoder, "--suite", BenchFixtures.Dataset, "--out", dir,
            "--duration", "0.2", "--warmup", "0", "--batch-size", "8", "--raw-loop", "2"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("raw loop:", result.Out);
        var raw = Assert.Single(BenchJson.Load(Path.Combine(dir, BenchJson.FileName))).RawLoop!;
        Assert.Equal(60, raw.Requests); // every unique request of the workload, once a round
        Assert.Equal(2, raw.Rounds);
        Assert.True(raw.Batches >= 60 / 8, "batches hold at most --batch-size rows");
        Assert.True(raw.PlainSeconds > 0 && raw.HarnessSeconds > 0);
        Assert.InRange(raw.Ratio, 0.01, 100);
        Assert.True(raw.PaddingEfficiency >= 0.98, "the runner's default padding bound");
        Assert.Contains("\"raw_loop\"", File.ReadAllText(Path.Combine(dir, BenchJson.FileName)));
    }

    [Fact]
    public async Task Raw_loop_on_a_model_without_a_plain_loop_is_one_input_error()
    {
        var result = await Cli.Cli.RunAsync(["bench", "--model", "length", "--suite", BenchFixtures.Dataset, "--out", TestPaths.NewTempDirectory("rmbench-bench-out"),
            "--duration", "0.1", "--warmup", "0", "--raw-loop", "1"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--raw-loop", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
