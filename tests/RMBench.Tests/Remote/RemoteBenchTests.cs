using System.Text.Json;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Remote;

[Collection(RemoteCollection.Name)]
public class RemoteBenchTests
{
    static RemoteBenchTests() => RemoteCollection.FastRetries();

    [Theory]
    [InlineData("offline")]
    [InlineData("single-stream")]
    [InlineData("server")]
    public async Task Bench_drives_a_remote_model_in_every_scenario_and_the_card_says_remote_endpoints_and_concurrency(string scenario)
    {
        await using var a = await FakeRewardServer.StartAsync();
        await using var b = await FakeRewardServer.StartAsync();
        var (dir, data) = await RemoteRunTests.DataAsync(30);
        var output = Path.Combine(dir, "bench");
        var run = await CliRunner.RunAsync("bench", "--model", $"tei:{a.Url}", "--endpoint", b.Url.ToString(), "--suite", data, "--scenario", scenario,
            "--duration", "0.3", "--warmup", "0", "--qps", "50", "--concurrency", "3", "--out", output);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("remote: endpoints", run.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "bench.json")));
        var card = json.RootElement.GetProperty("workload");
        Assert.True(card.GetProperty("remote").GetBoolean());
        Assert.Contains($":{b.Url.Port}", card.GetProperty("endpoints").GetString());
        Assert.Equal(scenario == "offline" ? 3 : 1, card.GetProperty("concurrency").GetInt32());
        Assert.True(a.ScoringCalls + b.ScoringCalls > 0);
    }

    [Fact]
    public async Task Models_lists_the_remote_backends_with_their_usage()
    {
        var run = await CliRunner.RunAsync("models");
        Assert.Contains("vllm:URL#MODEL", run.Out);
        Assert.Contains("tei:URL", run.Out);
    }
}
