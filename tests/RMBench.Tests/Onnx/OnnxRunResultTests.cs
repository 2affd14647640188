using System.Text.Json;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Onnx.Graph.Models;
using RMBench.Reports;

namespace RMBench.Tests.Onnx;

/// <summary>What an ONNX run writes: truncation counts, throughput and padding efficiency, the execution provider.</summary>
public class OnnxRunResultTests
{
    private static readonly Runner Runner = new(SuiteLoader.Default);

    private static async Task<(RunResult Result, JsonElement Json, string Summary, double ScoreSum)> RunAsync(int? maxLength)
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await using var model = await OnnxTestModels.OpenAsync(dir, new WordTestEncoder(maxLength: maxLength));
        var options = new RunOptions { OutputRoot = TestPaths.NewTempDirectory(), CacheDirectory = null, BatchTokens = 16384, Bootstrap = new(Seed: 1, Resamples: 20) };
        var output = await Runner.RunAsync(model, [OnnxSuites.VariedPairs("varied", 40)], options, null, CancellationToken.None);
        await RunReportWriter.WriteAllAsync(output.Directory, output, CancellationToken.None);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Directory, RunFiles.RunJson))).RootElement.Clone();
        var scoreSum = (await output.ReadScoresAsync()).DistinctBy(s => s.RequestHash).Sum(s => (double)s.Score);
        return (output.Result, json, await File.ReadAllTextAsync(Path.Combine(output.Directory, "summary.md")), scoreSum);
    }

    [Fact]
    public async Task Small_max_length_gives_a_truncated_count_in_run_json()
    {
        var (_, cut, _, _) = await RunAsync(maxLength: 8);
        var (_, whole, _, _) = await RunAsync(maxLength: null);

        Assert.True(cut.GetProperty("suites")[0].GetProperty("counts").GetProperty("truncated").GetInt32() > 0);
        Assert.Equal(0, whole.GetProperty("suites")[0].GetProperty("counts").GetProperty("truncated").GetInt32());
    }

    [Fact]
    public async Task Run_json_reports_throughput_padding_efficiency_and_provider()
    {
        var (result, json, summary, scoreSum) = await RunAsync(maxLength: null);
        var throughput = json.GetProperty("throughput");
        var t = result.Throughput!;

        // The probe's score is the real-token count, so the scores sum to the real tokens fed.
        Assert.Equal(80, throughput.GetProperty("requests").GetInt32());
        Assert.Equal(t.Tokens, throughput.GetProperty("tokens").GetInt64());
        Assert.Equal(scoreSum, (double)t.Tokens!.Value);
        Assert.True(t.PaddedTokens >= t.Tokens);
        Assert.Equal((double)t.Tokens!.Value / t.PaddedTokens!.Value, throughput.GetProperty("padding_efficiency").GetDouble(), 12);
        Assert.True(throughput.GetProperty("tokens_per_second").GetDouble() > 0);
        Assert.True(throughput.GetProperty("requests_per_second").GetDouble() > 0);
        Assert.Equal("cpu", json.GetProperty("provenance").GetProperty("execution_provider").GetString());
        Assert.Equal(16384, json.GetProperty("provenance").GetProperty("batch_tokens").GetInt32());
        Assert.Contains("## Throughput", summary);
        Assert.Contains("Padding efficiency", summary);
    }
}
