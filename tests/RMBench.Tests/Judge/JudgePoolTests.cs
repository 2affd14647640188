using System.Collections.Concurrent;
using System.Diagnostics;
using static RMBench.Tests.Judge.JudgeTestData;

namespace RMBench.Tests.Judge;

/// <summary>
/// The judge on the shared endpoint pool, against real OpenAI-compatible servers on 127.0.0.1: retries (Retry-After
/// honoured), replicas, the API key, and the seed in the cache key.
/// </summary>
[Collection(Remote.RemoteCollection.Name)]
public class JudgePoolTests
{
    static JudgePoolTests() => Remote.RemoteCollection.FastRetries();

    private static readonly string[] JudgeMetricKeys = ["accuracy", "position_consistency", "first_position_win_rate", "judge_unparsed"];

    [Fact]
    public async Task Retries_of_429_5xx_and_malformed_answers_give_the_fault_free_metrics_and_ask_no_judgment_twice()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 8);
        // Some judges read the pairs wrongly, so the metrics are not all 1.
        static JudgeAnswer Mixed(JudgeCall call) => call.ReplyA!.EndsWith('3') ? new JudgeAnswer("[[A]]") : call.ReplyA.EndsWith('5') ? new JudgeAnswer("no idea") : Fair(call);
        await using var clean = await FakeJudgeServer.StartAsync(Mixed);
        var expected = await Cli.Cli.RunAsync(RunArgs(Path.Combine(dir, "clean"), data, clean.Spec()));
        Assert.True(expected.ExitCode == 0, expected.All);

        // The faulty server: pair 0 gets a burst of two 503s per order, the GOOD-first judgment of pair 2 a 429 with
        // Retry-After: 1, each order of pair 4 a 500 and then a 200 that is not JSON.
        var tries = new ConcurrentDictionary<string, int>();
        var succeeded = new ConcurrentDictionary<string, int>();
        var seen = new ConcurrentQueue<(string Body, int Status, long At)>();
        await using var faulty = await FakeJudgeServer.StartAsync(call =>
        {
            var body = call.Messages.ToJsonString();
            var attempt = tries.AddOrUpdate(body, 1, (_, n) => n + 1);
            var pair = call.ReplyA![^1];
            var answer = (pair, attempt) switch
            {
                ('0', <= 2) => JudgeAnswer.Raw(503, """{"error": "overloaded"}"""),
                ('2', 1) when call.ReplyA == "GOOD answer 2" => JudgeAnswer.Raw(429, """{"error": {"message": "rate limited"}}""", retryAfter: "1"),
                ('4', 1) => JudgeAnswer.Raw(500, "Internal Server Error"),
                ('4', 2) => JudgeAnswer.Raw(200, "<html>gateway</html>"),
                _ => Mixed(call),
            };
            if (answer.Status == 200 && answer.RawBody is null) succeeded.AddOrUpdate(body, 1, (_, n) => n + 1);
            seen.Enqueue((body, answer.Status, Stopwatch.GetTimestamp()));
            return answer;
        });
        var retried = await Cli.Cli.RunAsync(RunArgs(Path.Combine(dir, "faulty"), data, faulty.Spec()));

        Assert.True(retried.ExitCode == 0, retried.All);
        using (var want = RunJson(Path.Combine(dir, "clean")))
        using (var got = RunJson(Path.Combine(dir, "faulty")))
        {
            Assert.Equal("complete", got.RootElement.GetProperty("status").GetString());
            foreach (var key in JudgeMetricKeys) Assert.Equal(Metric(want, key), Metric(got, key));
            Assert.Equal(0.75, Metric(got, "accuracy")); // pair 3 ties (A, A), pair 5 unparsed in both orders
            // Logical requests: one per judgment plus the follow-ups of pair 5; the retries are not counted.
            Assert.Equal(want.RootElement.GetProperty("suites")[0].GetProperty("judge").GetProperty("requests").GetInt32(),
                got.RootElement.GetProperty("suites")[0].GetProperty("judge").GetProperty("requests").GetInt32());
        }
        Assert.Equal(clean.Count, succeeded.Values.Sum());
        Assert.All(succeeded.Values, n => Assert.Equal(1, n)); // no judgment asked twice once it was answered
        Assert.Equal(clean.Count + 2 * 2 + 1 + 2 * 2, faulty.Count); // the injected faults came on top
        // Retry-After: 1 was honoured: the retry came a second later, not after the 20 ms backoff.
        var rateLimited = seen.Where(s => s.Status == 429).Select(s => s.Body).Single();
        var times = seen.Where(s => s.Body == rateLimited).Select(s => s.At).ToList();
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromMilliseconds(900), $"retried after {Stopwatch.GetElapsedTime(times[0], times[1])}");
    }

    [Fact]
    public async Task A_failing_replica_moves_the_judgments_to_the_healthy_one()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 6);
        await using var broken = await FakeJudgeServer.StartAsync(_ => JudgeAnswer.Raw(502, "Bad Gateway"));
        await using var healthy = await FakeJudgeServer.StartAsync(call => Fair(call));

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, broken.Spec(), "--endpoint", healthy.BaseUrl));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(12, healthy.Count);
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy"));
        var settings = run.RootElement.GetProperty("model").GetProperty("settings");
        Assert.Equal($"{broken.BaseUrl} {healthy.BaseUrl}", settings.GetProperty("endpoints").GetString());
        Assert.Equal("/weights/test-judge", settings.GetProperty("server_model").GetString());
    }

    [Fact]
    public async Task The_key_is_sent_as_a_bearer_token_and_never_recorded()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        const string key = "sk-test-4f9d2c81e7";
        Environment.SetEnvironmentVariable("RMBENCH_TEST_JUDGE_KEY", key);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call),
            models: auth => auth == "Bearer " + key ? null! : JudgeAnswer.Raw(401, """{"error": {"message": "Incorrect API key provided"}}"""));

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--api-key-env", "RMBENCH_TEST_JUDGE_KEY"));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.All(server.Calls, c => Assert.Equal("Bearer " + key, c.Authorization));
        Assert.DoesNotContain(key, result.All);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, "out"), "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllText(file).Contains(key, StringComparison.Ordinal), $"{file} holds the key");
    }

    [Fact]
    public async Task OPENAI_API_KEY_is_the_default_key_and_a_refused_key_is_exit_3_at_pre_flight()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        var before = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-wrong-default-key");
        try
        {
            await using var server = await FakeJudgeServer.StartAsync(call => Fair(call),
                models: auth => JudgeAnswer.Raw(401, $$$"""{"error": {"message": "Incorrect API key provided: {{{auth}}}"}}"""));
            var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));

            Assert.True(result.ExitCode == 3, result.All);
            Assert.Contains("HTTP 401 on GET /v1/models: Incorrect API key provided", result.Err);
            Assert.Contains("the key in $OPENAI_API_KEY was refused", result.Err);
            Assert.DoesNotContain("sk-wrong-default-key", result.All); // the server echoed it: redacted
            Assert.DoesNotContain("   at ", result.All);
            Assert.Equal(0, server.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", before);
        }
    }

    [Fact]
    public async Task The_judge_seed_is_sent_recorded_and_part_of_the_cache_key()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 3);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));
        string[] Args(params string[] more) =>
            ["run", "--model", server.Spec(), "--suite", data, "--out", Path.Combine(dir, "out"), "--bootstrap", "50", "--digest", "sha256:abc123", .. more];

        Assert.Equal(0, (await Cli.Cli.RunAsync(Args())).ExitCode);
        Assert.Equal(6, server.Count);
        Assert.All(server.Calls, c => Assert.Equal(42, c.Body["seed"]!.GetValue<int>()));
        Assert.Equal(0, (await Cli.Cli.RunAsync(Args("--fresh"))).ExitCode);
        Assert.Equal(6, server.Count); // served from the cache (pinned digest)

        var seeded = await Cli.Cli.RunAsync(Args("--fresh", "--judge-seed", "7"));

        Assert.True(seeded.ExitCode == 0, seeded.All);
        Assert.Equal(12, server.Count); // another seed, another cache key: asked again
        Assert.All(server.Calls.Where(c => c.Number > 6), c => Assert.Equal(7, c.Body["seed"]!.GetValue<int>()));
        var runs = Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("model").GetProperty("settings").GetProperty("seed").GetString())
            .Order().ToList();
        Assert.Equal(["42", "42", "7"], runs);
        var provenanceSeeds = Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("provenance").GetProperty("model_seed").GetInt32())
            .Order().ToList();
        Assert.Equal([7, 42, 42], provenanceSeeds); // run.json's model seed is the judge's, not the default
    }
}
