using RMBench.Tests.Cli;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Remote;

/// <summary>Bad remote input is exit 3 with one clear message each, no stack trace, before any scoring.</summary>
[Collection(RemoteCollection.Name)]
public class RemoteInputTests
{
    static RemoteInputTests() => RemoteCollection.FastRetries();

    [Fact]
    public async Task An_unreachable_url_is_exit_3_naming_it()
    {
        var dead = FakeRewardServer.DeadUrl();
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, $"vllm:{dead}#m");
        AssertInput(run, $"{dead.Host}:{dead.Port}: unreachable");
    }

    [Fact]
    public async Task A_wrong_model_name_is_exit_3_listing_the_served_ones()
    {
        await using var server = await FakeRewardServer.StartAsync();
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, $"vllm:{server.Url}#other/model");
        AssertInput(run, $"serves no model 'other/model' (it serves: {FakeRewardServer.ModelName})");
        Assert.Equal(0, server.ScoringCalls);
    }

    [Fact]
    public async Task A_401_without_a_key_is_exit_3_and_the_key_from_the_environment_works_without_being_recorded()
    {
        const string secret = "s3cret-token-value";
        await using var server = await FakeRewardServer.StartAsync(requiredAuthorization: "Bearer " + secret);
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, $"tei:{server.Url}");
        AssertInput(run, "HTTP 401: Unauthorized");

        Environment.SetEnvironmentVariable("RMBENCH_TEST_KEY", secret);
        var ok = await RemoteRunTests.RunAsync(dir, data, $"tei:{server.Url}", "--api-key-env", "RMBENCH_TEST_KEY", "--header", "X-Team: " + secret);
        Assert.True(ok.ExitCode == 0, ok.All);
        var recorded = string.Concat(Directory.EnumerateFiles(Path.Combine(dir, "remote"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(secret, recorded + ok.All);

        var missing = await RemoteRunTests.RunAsync(dir, data, $"tei:{server.Url}", "--api-key-env", "RMBENCH_TEST_NO_SUCH_KEY");
        AssertInput(missing, "--api-key-env: environment variable 'RMBENCH_TEST_NO_SUCH_KEY' is not set or empty");
    }

    [Theory]
    [InlineData("--endpoint", "not a url", "--endpoint: 'not a url' is not an absolute URL")]
    [InlineData("--endpoint", "ftp://h:1", "scheme 'ftp' is not supported")]
    [InlineData("--timeout", "-1", "--timeout: must be a positive number of seconds (got '-1')")]
    [InlineData("--concurrency", "0", "--concurrency: must be a positive integer (got 0)")]
    [InlineData("--header", "NoColon", "--header: must be \"Name: value\"")]
    [InlineData("--remote-template", "client", "client rendering needs --tokenizer DIR")]
    public async Task Invalid_options_are_exit_3_with_one_message(string option, string value, string message)
    {
        var (dir, data) = await RemoteRunTests.DataAsync(4);
        var run = await RemoteRunTests.RunAsync(dir, data, "vllm:http://127.0.0.1:1#m", option, value);
        AssertInput(run, message);
    }

    [Fact]
    public async Task Bench_validates_its_concurrency_and_the_remote_options()
    {
        var run = await CliRunner.RunAsync("bench", "--model", "vllm:http://127.0.0.1:1#m", "--concurrency", "0");
        AssertInput(run, "--concurrency");
        var timeout = await CliRunner.RunAsync("bench", "--model", "vllm:http://127.0.0.1:1#m", "--timeout", "-1");
        AssertInput(timeout, "--timeout: must be a positive number");
    }

    private static void AssertInput(CliResult run, string message)
    {
        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("   at ", run.All);
    }
}
