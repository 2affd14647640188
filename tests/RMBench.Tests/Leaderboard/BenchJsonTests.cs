using RMBench.Core.Errors;
using RMBench.Core.Results;

namespace RMBench.Tests.Leaderboard;

public sealed class BenchJsonTests
{
    [Fact]
    public void A_bench_result_round_trips_with_snake_case_names()
    {
        var bench = new BenchResult
        {
            ModelId = "m", ModelDigest = "sha256:abc", Scenario = "server", Device = "cuda:0",
            PairsPerSecond = 10.5, LatencyP99Ms = 12, PeakQps = 80, LatencyBoundMs = 50,
        };

        var json = BenchJson.Serialize(bench);
        var back = BenchJson.Parse(json, "bench.json");

        Assert.Contains("\"pairs_per_second\": 10.5", json);
        Assert.Contains("\"latency_p99_ms\": 12", json);
        Assert.Contains("\"peak_qps\": 80", json);
        Assert.Equal(bench, Assert.Single(back));
    }

    [Fact]
    public void An_array_holds_several_scenarios()
    {
        var json = """
            [{ "schema_version": 1, "model_id": "m", "model_digest": "d", "scenario": "offline", "device": "cpu" },
             { "schema_version": 1, "model_id": "m", "model_digest": "d", "scenario": "server", "device": "cpu" }]
            """;

        Assert.Equal(["offline", "server"], BenchJson.Parse(json, "b.json").Select(b => b.Scenario));
    }

    [Theory]
    [InlineData("""{ "schema_version": 1, "model_id": "m", "scenario": "offline", "device": "cpu" }""", "model_digest")]
    [InlineData("""{ "schema_version": 2, "model_id": "m", "model_digest": "d", "scenario": "offline", "device": "cpu" }""", "schema_version")]
    [InlineData("""{ "schema_version": 1, "model_id": "m", "model_digest": "d", "scenario": "offline", "device": "cpu", "latency_p50_ms": -3 }""", "latency_p50_ms")]
    public void Invalid_bench_files_are_input_errors_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<InputException>(() => BenchJson.Parse(json, "bench.json"));

        Assert.Contains(expected, e.Message);
        Assert.Contains("bench.json", e.Message);
    }
}
