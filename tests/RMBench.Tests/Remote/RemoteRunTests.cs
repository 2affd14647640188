using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Remote;

/// <summary>
/// `rmbench run` against vLLM- and TEI-shaped servers on 127.0.0.1 whose reward is the `length` baseline's: every
/// remote run, faults or not, must give the in-process `length` run's metrics, with every request scored once.
/// </summary>
[Collection(RemoteCollection.Name)]
public class RemoteRunTests
{
    static RemoteRunTests() => RemoteCollection.FastRetries();

    [Fact]
    public async Task Vllm_chat_over_three_replicas_matches_the_in_process_length_run()
    {
        await using var a = await FakeRewardServer.StartAsync();
        await using var b = await FakeRewardServer.StartAsync();
        await using var c = await FakeRewardServer.StartAsync();
        var (dir, data) = await DataAsync(60);
        var run = await RunAsync(dir, data, $"vllm:{a.Url}v1#{FakeRewardServer.ModelName}", "--endpoint", b.Url.ToString(), "--endpoint", c.Url.ToString(), "--concurrency", "6");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
        Assert.Equal(120, a.ScoringCalls + b.ScoringCalls + c.ScoringCalls); // one chat request per conversation, none repeated
        Assert.All(new[] { a, b, c }, s => Assert.True(s.ScoringCalls > 0));
        var body = a.Bodies.First();
        Assert.Equal("user", body["messages"]![0]!["role"]!.GetValue<string>());
        Assert.False(body["use_activation"]!.GetValue<bool>());
        using var json = RunJson(dir, "remote");
        var model = json.RootElement.GetProperty("model");
        Assert.Contains(a.Url.Port.ToString(), model.GetRawText());
    }

    [Fact]
    public async Task Vllm_pooling_reads_the_last_tokens_reward()
    {
        await using var a = await FakeRewardServer.StartAsync();
        var (dir, data) = await DataAsync(20);
        var run = await RunAsync(dir, data, $"vllm:{a.Url}#{FakeRewardServer.ModelName}", "--vllm-endpoint", "pooling");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
    }

    [Fact]
    public async Task Tei_pairs_with_raw_scores_match_the_length_run_and_use_the_servers_sha_as_digest()
    {
        await using var a = await FakeRewardServer.StartAsync();
        await using var b = await FakeRewardServer.StartAsync();
        var (dir, data) = await DataAsync(40);
        var run = await RunAsync(dir, data, $"tei:{a.Url}", "--endpoint", b.Url.ToString());
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
        using var json = RunJson(dir, "remote");
        Assert.Contains("abc123", json.RootElement.GetProperty("model").GetRawText());
        var pair = a.Bodies.Concat(b.Bodies).First()["inputs"]![0]!.AsArray();
        Assert.StartsWith("Question number", pair[0]!.GetValue<string>());
    }

    [Fact]
    public async Task Faults_on_every_replica_lose_and_duplicate_no_score()
    {
        // 5xx bursts, 429 with Retry-After, stalls past the timeout, dropped connections, malformed JSON, wrong counts.
        await using var a = await FakeRewardServer.StartAsync();
        await using var b = await FakeRewardServer.StartAsync();
        await using var c = await FakeRewardServer.StartAsync();
        a.Faults = n => n is >= 2 and <= 4 ? Fault.Status503 : n == 7 ? Fault.Status429 : Fault.None;
        b.Faults = n => n % 5 == 1 ? Fault.Stall : n % 5 == 3 ? Fault.Drop : Fault.None;
        b.StallFor = TimeSpan.FromSeconds(3);
        c.Faults = n => n % 4 == 2 ? Fault.Malformed : n % 4 == 0 ? Fault.WrongCount : Fault.None;
        var (dir, data) = await DataAsync(40);
        var run = await RunAsync(dir, data, $"tei:{a.Url}", "--endpoint", b.Url.ToString(), "--endpoint", c.Url.ToString(), "--timeout", "0.5", "--batch-size", "4");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
        Assert.Equal(80, ScoreRows(dir));
    }

    [Fact]
    public async Task One_replica_dead_from_the_start_and_one_killed_mid_run_still_complete()
    {
        await using var a = await FakeRewardServer.StartAsync();
        await using var b = await FakeRewardServer.StartAsync();
        b.Faults = n => { if (n == 3) _ = b.KillAsync(); return Fault.None; };
        var (dir, data) = await DataAsync(40);
        var run = await RunAsync(dir, data, $"vllm:{a.Url}#{FakeRewardServer.ModelName}", "--endpoint", FakeRewardServer.DeadUrl().ToString(), "--endpoint", b.Url.ToString());
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
    }

    [Fact]
    public async Task Every_endpoint_down_mid_run_ends_partial_exit_4_and_the_same_command_resumes_to_identical_metrics()
    {
        var a = await FakeRewardServer.StartAsync();
        var port = a.Url.Port;
        a.Faults = n => { if (n == 30) _ = a.KillAsync(); return Fault.None; };
        var (dir, data) = await DataAsync(60);
        string[] spec = [$"vllm:{a.Url}#{FakeRewardServer.ModelName}", "--concurrency", "2"];
        var first = await RunAsync(dir, data, spec);
        Assert.True(first.ExitCode == 4, first.All);
        Assert.Contains("no endpoint could score", first.All);
        await a.DisposeAsync();
        await using var restarted = await FakeRewardServer.StartAsync(port: port);
        var second = await RunAsync(dir, data, spec);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("resumed from journal", second.Out);
        Assert.Equal(await LengthMetricsAsync(dir, data), Metrics(dir, "remote"));
        Assert.True(restarted.ScoringCalls < 120, "the resumed run rescored what the journal had");
    }

    [Fact]
    public async Task A_rejected_request_is_reported_once_with_the_servers_message()
    {
        await using var a = await FakeRewardServer.StartAsync();
        a.Faults = n => n == 5 ? Fault.Status400 : Fault.None;
        var (dir, data) = await DataAsync(20);
        var run = await RunAsync(dir, data, $"vllm:{a.Url}#{FakeRewardServer.ModelName}", "--concurrency", "1");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("HTTP 400: prompt too long for this model", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    internal static async Task<(string Dir, string Data)> DataAsync(int pairs)
    {
        var dir = TestPaths.NewTempDirectory("rmbench-remote");
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(pairs));
        return (dir, data);
    }

    internal static Task<CliResult> RunAsync(string dir, string data, params string[] modelArgs) =>
        CliRunner.RunAsync(["run", "--model", .. modelArgs, "--suite", data, "--out", Path.Combine(dir, "remote"), "--no-cache", "--bootstrap", "100", .. modelArgs.Contains("--batch-size") ? Array.Empty<string>() : ["--batch-size", "8"]]);

    internal static async Task<string> LengthMetricsAsync(string dir, string data)
    {
        var run = await CliRunner.RunAsync("run", "--model", "length", "--suite", data, "--out", Path.Combine(dir, "local"), "--no-cache", "--bootstrap", "100");
        Assert.True(run.ExitCode == 0, run.All);
        return Metrics(dir, "local");
    }

    internal static JsonDocument RunJson(string dir, string root) =>
        JsonDocument.Parse(File.ReadAllText(Directory.EnumerateFiles(Path.Combine(dir, root), "run.json", SearchOption.AllDirectories).Single()));

    internal static string Metrics(string dir, string root)
    {
        using var json = RunJson(dir, root);
        return json.RootElement.GetProperty("suites")[0].GetProperty("metrics").GetRawText();
    }

    private static int ScoreRows(string dir)
    {
        var file = Directory.EnumerateFiles(Path.Combine(dir, "remote"), "scores.parquet", SearchOption.AllDirectories).Single();
        var rows = Core.Results.ScoresTable.ReadAsync(file, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(rows.Count, rows.Select(r => (r.Id, r.Role)).Distinct().Count());
        return rows.Count;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RemoteCollection
{
    public const string Name = "remote servers";

    /// <summary>
    /// Short backoff for every remote model of the test process and its children (RetrySettings reads these). As with
    /// the defaults (8 retries up to 8 s against a 5 s break), the retry budget outlasts a break several times, so a
    /// fault on every replica at once is waited out through half-open probes instead of spending the budget while
    /// every circuit is open.
    /// </summary>
    public static void FastRetries()
    {
        Environment.SetEnvironmentVariable("RMBENCH_RETRY_DELAY_MS", "20");
        Environment.SetEnvironmentVariable("RMBENCH_RETRY_MAX_DELAY_MS", "1000");
        Environment.SetEnvironmentVariable("RMBENCH_BREAK_MS", "500");
        Environment.SetEnvironmentVariable("RMBENCH_RETRY_ATTEMPTS", "10");
    }
}
