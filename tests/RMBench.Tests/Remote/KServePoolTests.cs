using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Results;
using RMBench.Remote.Serve;
using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Remote;

/// <summary>
/// `kserve:` on the shared endpoint pool, over REST (binary tensors) and gRPC: replicas (one dead from the start,
/// one `rmbench serve` process killed mid-run), transient bursts retried (503, 429 with Retry-After, UNAVAILABLE,
/// RESOURCE_EXHAUSTED), a request's fault reported once, auth failures at pre-flight, every endpoint down past the
/// retry budget. Every completed run must give the in-process `length` run's scores and metrics.
/// </summary>
[Collection(RemoteCollection.Name)]
public class KServePoolTests
{
    static KServePoolTests() => RemoteCollection.FastRetries();

    private static readonly (string, string, long[])[] RequestInput = [("request", "BYTES", [-1])];
    private static readonly (string, string, long[])[] ScoreOutput = [("score", "FP32", [-1])];

    /// <summary>
    /// A Triton-shaped server taking one JSON scoring request per BYTES element (as `rmbench serve` does) and scoring it
    /// as the `length` baseline: the response's code points. The BYTES layout and the JSON are read here by hand.
    /// </summary>
    private static Task<TritonShapedServer> StartLengthServerAsync() =>
        TritonShapedServer.StartAsync("length", RequestInput, ScoreOutput, inputs =>
        {
            var data = inputs["request"].Data;
            var scores = new List<byte>();
            for (var offset = 0; offset < data.Length;)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
                using var json = JsonDocument.Parse(data.AsMemory(offset + 4, length));
                scores.AddRange(BitConverter.GetBytes((float)LengthModel.CountCodePoints(json.RootElement.GetProperty("response").GetString()!)));
                offset += 4 + length;
            }
            return ("score", new RawTensor("FP32", [scores.Count / 4], [.. scores]));
        });

    private static string Url(TritonShapedServer server, string transport) =>
        (transport == "grpc" ? server.GrpcAddress : server.RestAddress).ToString().TrimEnd('/');

    private static string DeadUrl(string transport)
    {
        var dead = FakeRewardServer.DeadUrl();
        return transport == "grpc" ? $"grpc://127.0.0.1:{dead.Port}" : dead.ToString().TrimEnd('/');
    }

    private static async Task<IReadOnlyList<(string, string, float)>> ScoresAsync(string dir, string root)
    {
        var file = Directory.EnumerateFiles(Path.Combine(dir, root), RunFiles.ScoresParquet, SearchOption.AllDirectories).Single();
        return [.. (await ScoresTable.ReadAsync(file)).Select(r => (r.Id, r.Role, r.Score))];
    }

    private static async Task AssertInProcessLengthRunAsync(string dir, string data, int pairs)
    {
        Assert.Equal(await RemoteRunTests.LengthMetricsAsync(dir, data), RemoteRunTests.Metrics(dir, "remote"));
        var remote = await ScoresAsync(dir, "remote");
        Assert.Equal(await ScoresAsync(dir, "local"), remote);
        Assert.Equal(2 * pairs, remote.Distinct().Count());
    }

    private static int JournalLines(string root)
    {
        var journal = Directory.Exists(root) ? Directory.EnumerateFiles(root, "journal.jsonl", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (journal is null) return 0;
        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is not null) count++;
        return count;
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task Three_replicas_one_dead_from_the_start_and_one_killed_mid_run_give_the_in_process_scores(string transport)
    {
        const int pairs = 60;
        await using var length = await ModelRegistry.Default.CreateAsync("length", new ModelOptions(), CancellationToken.None);
        var delay = TimeSpan.FromMilliseconds(30); // the batcher holds each call this long: the run lasts long enough to kill a replica in it
        await using var inProcess = await ServeHost.StartAsync(length, new ServeOptions { HttpPort = 0, GrpcPort = 0, MaxDelay = delay }, CancellationToken.None);
        var (dir, data) = await RemoteRunTests.DataAsync(pairs);
        using var killed = CliRunner.Start(dir, "serve", "--model", "length", "--http-port", "0", "--grpc-port", "0", "--max-delay-ms", "30");
        try
        {
            var addresses = new Dictionary<string, string>();
            while (addresses.Count < 2 && await killed.StandardOutput.ReadLineAsync() is { } line)
                if (line.Split(' ') is [("REST" or "gRPC") and var kind, var address]) addresses[kind] = address;
            Assert.Equal(2, addresses.Count);
            var first = (transport == "grpc" ? inProcess.GrpcAddress : inProcess.RestAddress).ToString().TrimEnd('/');
            var run = RemoteRunTests.RunAsync(dir, data, $"kserve:{first}#length", "--endpoint", DeadUrl(transport),
                "--endpoint", addresses[transport == "grpc" ? "gRPC" : "REST"], "--batch-size", "2", "--concurrency", "3");

            var root = Path.Combine(dir, "remote");
            while (!run.IsCompleted && JournalLines(root) < 16) await Task.Delay(5);
            killed.Kill(); // SIGKILL: requests in flight there are cut
            var journaledAtKill = JournalLines(root);
            var result = await run;

            Assert.True(result.ExitCode == 0, result.All);
            Assert.True(journaledAtKill < 2 * pairs, $"the replica was killed after the run ({journaledAtKill} scores journaled)");
            // The serve process scored part of the run before it died (the in-process server did not score all of it).
            Assert.InRange(inProcess.Batcher.Totals.Rows, 1, 2 * pairs - 1);
            await AssertInProcessLengthRunAsync(dir, data, pairs);
            using var json = RemoteRunTests.RunJson(dir, "remote");
            var settings = json.RootElement.GetProperty("model").GetRawText();
            Assert.Contains(addresses[transport == "grpc" ? "gRPC" : "REST"], settings);
            Assert.Contains(transport == "grpc" ? "\"grpc\"" : "\"rest-binary\"", settings);
        }
        finally
        {
            if (!killed.HasExited) killed.Kill();
        }
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task Transient_bursts_are_retried_and_lose_or_duplicate_no_score(string transport)
    {
        // REST: a burst of 503s, then a 429 asking for 1 s; gRPC: a burst of UNAVAILABLE, then RESOURCE_EXHAUSTED.
        await using var server = await StartLengthServerAsync();
        server.Faults = n => n is >= 2 and <= 4 ? KServeFault.Unavailable : n == 7 ? KServeFault.Exhausted : KServeFault.None;
        var (dir, data) = await RemoteRunTests.DataAsync(30);
        var run = await RemoteRunTests.RunAsync(dir, data, $"kserve:{Url(server, transport)}#length", "--concurrency", "1");
        Assert.True(run.ExitCode == 0, run.All);
        await AssertInProcessLengthRunAsync(dir, data, 30);
        Assert.Equal(server.Calls - 4, server.InferCalls); // each faulted call retried once, nothing else repeated
        Assert.Equal(60, server.Received.Sum(r => r["request"].Shape[0]));
        if (transport == "rest")
        {
            var waited = Stopwatch.GetElapsedTime(server.CallTimes[6], server.CallTimes[7]);
            Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"the retry after a 429 with Retry-After: 1 came {waited.TotalMilliseconds} ms later");
        }
    }

    [Theory]
    [InlineData("rest", "HTTP 400")]
    [InlineData("grpc", "gRPC INVALID_ARGUMENT")]
    public async Task The_requests_own_fault_is_reported_once_with_the_servers_message_and_not_retried(string transport, string status)
    {
        await using var server = await StartLengthServerAsync();
        server.Faults = n => n == 3 ? KServeFault.Invalid : KServeFault.None;
        var (dir, data) = await RemoteRunTests.DataAsync(20);
        var run = await RemoteRunTests.RunAsync(dir, data, $"kserve:{Url(server, transport)}#length", "--concurrency", "1");
        Assert.Equal(4, run.ExitCode);
        var message = $"{status}: {TritonShapedServer.InvalidMessage}";
        Assert.True(run.All.Split(message).Length == 2, run.All);
        Assert.DoesNotContain("   at ", run.All);
        Assert.Equal(3, server.Calls);
    }

    [Theory]
    [InlineData("rest", "HTTP 401", "HTTP 403")]
    [InlineData("grpc", "gRPC UNAUTHENTICATED", "gRPC PERMISSION_DENIED")]
    public async Task A_missing_or_refused_key_is_exit_3_at_preflight_and_the_right_key_works_unrecorded(string transport, string missing, string refused)
    {
        const string secret = "kserve-s3cret-token";
        await using var server = await StartLengthServerAsync();
        server.RequiredAuthorization = "Bearer " + secret;
        var (dir, data) = await RemoteRunTests.DataAsync(6);
        var spec = $"kserve:{Url(server, transport)}#length";

        var none = await RemoteRunTests.RunAsync(dir, data, spec);
        AssertInputError(none, $"{new Uri(Url(server, transport)).Authority}: {missing}: not authorised (no credentials given); pass --header or --api-key-env");
        var wrong = await RemoteRunTests.RunAsync(dir, data, spec, "--header", "Authorization: Bearer not-the-key");
        AssertInputError(wrong, $"{refused}: not authorised (this key may not use the model)");
        Assert.Equal(0, server.Calls);

        Environment.SetEnvironmentVariable("RMBENCH_TEST_KSERVE_KEY", secret);
        var ok = await RemoteRunTests.RunAsync(dir, data, spec, "--api-key-env", "RMBENCH_TEST_KSERVE_KEY");
        Assert.True(ok.ExitCode == 0, ok.All);
        var recorded = string.Concat(Directory.EnumerateFiles(Path.Combine(dir, "remote"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(secret, recorded + ok.All);
    }

    private static void AssertInputError(CliResult run, string message)
    {
        Assert.True(run.ExitCode == 3, run.All);
        Assert.True(run.Err.Split(message).Length == 2, run.All);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task Every_endpoint_down_past_the_retry_budget_ends_partial_and_the_same_command_resumes_to_identical_metrics(string transport)
    {
        await using var a = await StartLengthServerAsync();
        await using var b = await StartLengthServerAsync();
        var down = false; // both go down together after 8 calls, and stay down
        KServeFault Outage(int call)
        {
            if (Volatile.Read(ref a.Calls) + Volatile.Read(ref b.Calls) > 8) down = true;
            return down ? KServeFault.Unavailable : KServeFault.None;
        }
        a.Faults = b.Faults = Outage;
        var (dir, data) = await RemoteRunTests.DataAsync(40);
        string[] spec = [$"kserve:{Url(a, transport)}#length", "--endpoint", Url(b, transport), "--concurrency", "2"];

        var first = await RemoteRunTests.RunAsync(dir, data, spec);
        Assert.True(first.ExitCode == 4, first.All);
        Assert.Contains("no endpoint could score", first.All);
        Assert.Contains(transport == "grpc" ? "gRPC UNAVAILABLE: server overloaded" : "HTTP 503: server overloaded", first.All);
        Assert.Equal("partial", RemoteRunTests.RunJson(dir, "remote").RootElement.GetProperty("status").GetString());

        a.Faults = b.Faults = _ => KServeFault.None;
        var second = await RemoteRunTests.RunAsync(dir, data, spec);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("resumed from journal", second.Out);
        await AssertInProcessLengthRunAsync(dir, data, 40);
        // Every score the first run received was journaled: over both runs each request was scored exactly once.
        Assert.Equal(80, a.Received.Concat(b.Received).Sum(r => r["request"].Shape[0]));
    }

    [Fact]
    public async Task Replicas_serving_different_tensors_are_exit_3_before_any_request()
    {
        await using var a = await StartLengthServerAsync();
        await using var b = await TritonShapedServer.StartAsync("length", RequestInput, [("score", "FP16", [-1])], _ => throw new InvalidOperationException("no inference expected"));
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, $"kserve:{Url(a, "grpc")}#length", "--endpoint", Url(b, "grpc"));
        AssertInputError(run, $"{new Uri(Url(b, "grpc")).Authority}: model 'length' has inputs [request BYTES [-1]] outputs [score FP16 [-1]], not inputs [request BYTES [-1]] outputs [score FP32 [-1]]");
        Assert.Equal(0, a.Calls + b.Calls);
    }

    [Fact]
    public async Task Replicas_mixing_rest_and_grpc_are_exit_3()
    {
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, "kserve:http://127.0.0.1:1#m", "--endpoint", "grpc://127.0.0.1:2");
        AssertInputError(run, "--endpoint: 'grpc://127.0.0.1:2' speaks gRPC but the model's URL http://127.0.0.1:1 speaks REST: every replica of a kserve model must use the same protocol");
    }

    [Fact]
    public async Task A_device_option_is_refused_because_the_server_places_the_model()
    {
        await using var server = await StartLengthServerAsync();
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, $"kserve:{Url(server, "http")}#length", "--device", "cuda");
        AssertInputError(run, "does not take --device");
        Assert.Equal(0, server.Calls);
    }
}
