using RMBench.Core.Models.Baselines;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;
using RMBench.Tests.Cli;
using RMBench.Tests.Onnx.Text;

namespace RMBench.Tests.Remote;

[Collection(RemoteCollection.Name)]
public class VllmClientTemplateTests
{
    static VllmClientTemplateTests() => RemoteCollection.FastRetries();

    [Fact]
    public async Task Client_rendering_sends_batches_of_input_texts_rendered_with_the_local_template()
    {
        await using var server = await FakeRewardServer.StartAsync();
        var tokenizer = TinyTokenizers.ByteLevelWithBos();
        var (dir, data) = await RemoteRunTests.DataAsync(20);
        var run = await RemoteRunTests.RunAsync(dir, data, $"vllm:{server.Url}#{FakeRewardServer.ModelName}",
            "--remote-template", "client", "--tokenizer", tokenizer, "--chat-template", "chatml");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(5, server.ScoringCalls); // 40 requests in batches of 8, one request per batch
        var texts = server.Bodies.SelectMany(b => b["input"]!.AsArray().Select(t => t!.GetValue<string>())).ToList();
        Assert.Equal(40, texts.Count);
        Assert.All(texts, t => Assert.StartsWith("<|im_start|>user\nQuestion number", t));

        // Each score is the server's reward of exactly that request's rendering (no batch reordering mix-ups).
        var template = ((TextEncoder)TextEncoderLoader.Load(tokenizer, new TextOptions("chatml"))).Template;
        var expected = Datasets.Pairs(20).SelectMany(r => new[] { r.Chosen[0], r.Rejected[0] }.Select(response =>
                new ScoringRequest(null, [new Turn("user", r.Prompt)], response)))
            .ToDictionary(q => q.Hash, q => (float)LengthModel.CountCodePoints(template.Render(q).First));
        var file = Directory.EnumerateFiles(Path.Combine(dir, "remote"), "scores.parquet", SearchOption.AllDirectories).Single();
        var rows = await Core.Results.ScoresTable.ReadAsync(file);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, row => Assert.Equal(expected[row.RequestHash], row.Score));
    }
}
