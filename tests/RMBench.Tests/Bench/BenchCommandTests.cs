using System.Globalization;
using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Bench;

/// <summary>`rmbench bench` end to end through the real CLI: real models, real ONNX Runtime sessions, bench.json read back.</summary>
public sealed class BenchCommandTests
{
    private static async Task<BenchResult> BenchAsync(string model, params string[] args)
    {
        var dir = TestPaths.NewTempDirectory("rmbench-bench-out");
        var result = await Cli.Cli.RunAsync(["bench", "--model", model, "--suite", BenchFixtures.Dataset, "--out", dir, .. args]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("workload card", result.Out);
        var records = BenchJson.Load(Path.Combine(dir, BenchJson.FileName));
        return Assert.Single(records);
    }

    public static TheoryData<string> Models => new() { "baseline", "encoder" };

    private static string Spec(string model) => model == "encoder" ? "onnx:" + BenchFixtures.Encoder : model;

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Offline_reports_pairs_and_tokens_per_second_with_the_workload_card(string model)
    {
        var r = await BenchAsync(Spec(model), "--scenario", "offline", "--duration", "0.3", "--warmup", "0.1", "--batch-size", "8");
        Assert.Equal("offline", r.Scenario);
        Assert.True(r.PairsPerSecond > 0);
        Assert.True(r.TokensPerSecond > r.PairsPerSecond); // every request has several tokens
        Assert.Null(r.LatencyP99Ms);
        Assert.True(r.MeasuredRequests >= 1);
        // Rates are the measured counts over the measured time.
        Assert.Equal(r.MeasuredRequests!.Value / 2.0 / r.MeasuredSeconds!.Value, r.PairsPerSecond!.Value, 6);
        var card = r.Workload!;
        Assert.Equal(60, card.UniqueRequests); // 30 pairs, no repeated text
        Assert.Equal("tokens", card.LengthUnit);
        Assert.True(card.Length.Min <= card.Length.P50 && card.Length.P50 <= card.Length.P90 && card.Length.P90 <= card.Length.Max);
        Assert.InRange(card.PaddingEfficiency!.Value, 0.01, 1.0);
        Assert.InRange(card.TokenizationShare!.Value, 0.0, 1.0);
        Assert.Contains("length-sorted", card.BatchingPolicy);
        Assert.StartsWith("cpu", r.Device);
        Assert.Equal(r.ModelDigest, card.ModelDigest);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Single_stream_reports_ordered_latency_percentiles(string model)
    {
        var r = await BenchAsync(Spec(model), "--scenario", "single-stream", "--duration", "0.3", "--warmup", "0.1");
        Assert.True(r.LatencyP50Ms > 0);
        Assert.True(r.LatencyP50Ms <= r.LatencyP90Ms && r.LatencyP90Ms <= r.LatencyP99Ms);
        Assert.Equal("one request per call", r.Workload!.BatchingPolicy);
        Assert.Null(r.LatencyBoundMet);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Server_reports_latency_against_the_bound_at_the_offered_rate(string model)
    {
        var r = await BenchAsync(Spec(model), "--scenario", "server", "--qps", "40", "--duration", "0.5", "--warmup", "0.1", "--latency-bound", "10000");
        Assert.Equal(40, r.OfferedQps);
        Assert.Equal(10000, r.LatencyBoundMs);
        Assert.True(r.LatencyBoundMet); // ten seconds is far above any latency of 40 small requests per second
        Assert.Equal(0, r.UnservedRequests);
        Assert.True(r.LatencyP50Ms <= r.LatencyP99Ms);
        Assert.Contains("dynamic", r.Workload!.BatchingPolicy);
    }

    [Fact]
    public async Task A_rate_too_low_for_the_duration_still_measures_a_request()
    {
        // 2 QPS with a 0.05 s window expects 0.1 arrivals in it: the schedule runs on to one arrival (once wrote NaN percentiles).
        var r = await BenchAsync("baseline", "--scenario", "server", "--qps", "2", "--duration", "0.05", "--warmup", "0.05");
        Assert.True(r.MeasuredRequests >= 1);
        Assert.True(r.LatencyP99Ms > 0);
    }

    [Fact]
    public async Task Find_peak_records_its_trials_and_the_best_passing_rate()
    {
        var r = await BenchAsync("baseline", "--scenario", "server", "--find-peak", "--qps", "20", "--duration", "0.2", "--warmup", "0", "--latency-bound", "5000");
        Assert.NotNull(r.PeakTrials);
        Assert.True(r.PeakTrials!.Count >= 2);
        Assert.Equal(r.PeakTrials.Where(t => t.MeetsBound).Max(t => t.Qps), r.PeakQps);
        Assert.Equal(r.PeakQps, r.OfferedQps);
    }

    [Fact]
    public async Task Server_latency_runs_from_the_scheduled_arrival_so_queueing_behind_a_slow_model_counts()
    {
        // test-slow:50 takes at least 50 ms per call; one request per call at 40 arrivals/s (twice the service
        // rate) builds a queue. The seeded schedule has N arrivals in the first second; the k-th served cannot
        // finish before k x 50 ms, so the last ones wait far longer than one service time. Measured from the
        // call's own start (coordinated omission) every latency would be about 50 ms.
        var r = await BenchAsync("test-slow:50", "--scenario", "server", "--qps", "40", "--duration", "1", "--warmup", "0", "--batch-size", "1", "--latency-bound", "100");
        Assert.True(r.LatencyP50Ms >= 50, r.LatencyP50Ms?.ToString(CultureInfo.InvariantCulture));
        Assert.True(r.LatencyP99Ms >= 4 * 50, r.LatencyP99Ms?.ToString(CultureInfo.InvariantCulture));
        Assert.False(r.LatencyBoundMet);
        Assert.Equal("characters", r.Workload!.LengthUnit); // test-slow does not tokenize
    }

    [Fact]
    public async Task Find_peak_outside_the_server_scenario_is_invalid_input()
    {
        var result = await Cli.Cli.RunAsync("bench", "--suite", BenchFixtures.Dataset, "--scenario", "offline", "--find-peak");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--find-peak", result.Err);
    }
}
