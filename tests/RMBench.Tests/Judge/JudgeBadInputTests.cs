using static RMBench.Tests.Judge.JudgeTestData;

namespace RMBench.Tests.Judge;

/// <summary>Bad judge input: one clear message, exit 3 (input) or 4 (a server that does not speak the protocol), no stack trace.</summary>
[Collection(Remote.RemoteCollection.Name)]
public class JudgeBadInputTests
{
    static JudgeBadInputTests() => Remote.RemoteCollection.FastRetries();

    private static async Task<Cli.CliResult> RunAsync(string dir, params string[] more)
    {
        var data = await WritePairsAsync(dir, 2);
        return await Cli.Cli.RunAsync(RunArgs(dir, data, "judge:http://127.0.0.1:9/v1#m", more));
    }

    private static void AssertOneClearError(Cli.CliResult result, int exit, string expected)
    {
        Assert.True(result.ExitCode == exit, result.All);
        Assert.Contains(expected, result.All);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task An_unknown_preset_is_exit_3()
    {
        var dir = TestPaths.NewTempDirectory();
        AssertOneClearError(await RunAsync(dir, "--judge-preset", "pairwize"), 3, "neither a built-in preset (pairwise, pairwise-graded, rating)");
    }

    [Fact]
    public async Task A_preset_file_with_a_bad_regex_is_exit_3_naming_the_file()
    {
        var dir = TestPaths.NewTempDirectory();
        var preset = Path.Combine(dir, "bad-regex.json");
        await File.WriteAllTextAsync(preset, """{"mode": "pairwise", "user": "{{ response_a }} {{ response_b }}", "verdict_regex": "[[(A|B)", "labels": {"A": 1, "B": -1}}""");
        var result = await RunAsync(dir, "--judge-preset", preset);
        AssertOneClearError(result, 3, "not a valid regex");
        Assert.Contains(preset, result.All);
    }

    [Fact]
    public async Task A_preset_template_with_an_unknown_variable_is_exit_3_naming_the_file()
    {
        var dir = TestPaths.NewTempDirectory();
        var preset = Path.Combine(dir, "bad-var.json");
        await File.WriteAllTextAsync(preset, """{"mode": "pairwise", "user": "{{ response_a }} vs {{ response_c }}", "verdict_regex": "\\[\\[(A|B)\\]\\]", "labels": {"A": 1, "B": -1}}""");
        var result = await RunAsync(dir, "--judge-preset", preset);
        AssertOneClearError(result, 3, "response_c");
        Assert.Contains(preset, result.All);
        // In a rating preset response_a is unknown too.
        await File.WriteAllTextAsync(preset, """{"mode": "rating", "user": "{{ response_a }}", "verdict_regex": "\\[\\[(\\d+)\\]\\]"}""");
        AssertOneClearError(await RunAsync(dir, "--judge-preset", preset), 3, "response_a");
    }

    [Fact]
    public async Task A_preset_file_works_with_its_own_templates_regex_and_labels()
    {
        var dir = TestPaths.NewTempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir, "user.sbn"), "Q: {{ prompt }}\n[Reply A]\n{{ response_a }}\n[End of reply A]\n[Reply B]\n{{ response_b }}\n[End of reply B]");
        var preset = Path.Combine(dir, "mine.json");
        await File.WriteAllTextAsync(preset, """{"mode": "pairwise", "system": "Be fair.", "user_file": "user.sbn", "verdict_regex": "WINNER=(first|second|none)", "labels": {"first": 1, "second": -1, "none": 0}}""");
        var data = await WritePairsAsync(dir, 3);
        await using var server = await FakeJudgeServer.StartAsync(call => new JudgeAnswer(call.ReplyA!.Contains("GOOD") ? "WINNER=first" : "WINNER=second"));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--judge-preset", preset));
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("Be fair.", server.Calls.First().Messages[0]!["content"]!.GetValue<string>());
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy"));
    }

    [Fact]
    public async Task A_bad_spec_is_exit_3()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        AssertOneClearError(await Cli.Cli.RunAsync(RunArgs(dir, data, "judge:localhost:8000")), 3, "judge:BASE_URL#MODEL");
        AssertOneClearError(await Cli.Cli.RunAsync(RunArgs(dir, data, "judge:ftp://host/v1#m")), 3, "http:// or https://");
    }

    [Fact]
    public async Task A_named_api_key_variable_that_is_not_set_is_exit_3_with_one_message_before_any_request()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--api-key-env", "RMBENCH_TEST_NO_SUCH_KEY"));
        AssertOneClearError(result, 3, "environment variable 'RMBENCH_TEST_NO_SUCH_KEY' is not set");
        Assert.Single(result.Err.Split('\n'), line => line.Contains("RMBENCH_TEST_NO_SUCH_KEY"));
        Assert.Equal(0, server.Count + server.ModelListRequests);
    }

    [Fact]
    public async Task A_server_that_answers_non_json_is_retried_then_ends_the_run_with_exit_4_and_one_message()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        await using var server = await FakeJudgeServer.StartAsync(_ => JudgeAnswer.Raw(200, "<html>proxy login</html>"));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));
        AssertOneClearError(result, 4, "did not answer an OpenAI-compatible chat completion");
        Assert.Contains("<html>proxy login</html>", result.All);
        Assert.True(server.Count > 4, $"4 judgments, {server.Count} requests: a malformed answer is transient and retried");
        using var run = RunJson(dir);
        Assert.Equal("partial", run.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_model_list_that_is_not_json_is_exit_3_at_pre_flight()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call), models: _ => JudgeAnswer.Raw(200, "<html>it works</html>"));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));
        AssertOneClearError(result, 3, "did not answer an OpenAI-compatible model list");
        Assert.Contains("<html>it works</html>", result.All);
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task A_base_url_without_the_api_root_is_exit_3_at_pre_flight()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, $"judge:{server.BaseUrl[..^3]}#test-judge"));
        AssertOneClearError(result, 3, "is BASE_URL the OpenAI API root");
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task A_request_the_server_rejects_is_asked_once_and_reported_once_with_the_servers_message()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        await using var server = await FakeJudgeServer.StartAsync(
            _ => JudgeAnswer.Raw(400, """{"error": {"message": "max_tokens is too large for this model", "type": "invalid_request_error"}}"""));
        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--batch-size", "1", "--concurrency", "1"));
        AssertOneClearError(result, 4, "HTTP 400: max_tokens is too large for this model");
        Assert.Single(result.All.Split('\n'), line => line.Contains("max_tokens is too large"));
        Assert.Equal(1, server.Count); // never retried; the run stops at the first rejection
    }
}
