using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Onnx;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

/// <summary>
/// Scores must not depend on batching. The last-token probe finds its pooled token from input_ids and the
/// pad id, as HF decoder heads do, and scores its position: wrong pad ids or left padding change it.
/// </summary>
public class BatchInvarianceTests
{
    private static readonly Runner Runner = new(SuiteLoader.Default);
    private static readonly LoadedSuite Suite = OnnxSuites.VariedPairs("varied", 60);

    private static async Task<IReadOnlyDictionary<string, float>> ScoresAsync(string dir, int batchSize, int? batchTokens = 16384, double? maxPadding = null,
        OnnxSettings? settings = null, int? concurrency = null)
    {
        await using var model = await OnnxTestModels.OpenAsync(dir, settings: settings);
        var options = new RunOptions
        {
            OutputRoot = TestPaths.NewTempDirectory(),
            CacheDirectory = null,
            BatchSize = batchSize,
            BatchTokens = batchTokens,
            MaxPadding = maxPadding,
            Bootstrap = new(Seed: 1, Resamples: 20),
            Concurrency = concurrency,
        };
        var output = await Runner.RunAsync(model, [Suite], options, null, CancellationToken.None);
        Assert.Equal(120, output.Result.Counts.ModelCalls);
        Assert.Equal(concurrency ?? model.DefaultConcurrency, output.Result.Provenance.Concurrency);
        if (maxPadding is { } bound) Assert.True(output.Result.Throughput!.PaddingEfficiency >= 1 - bound, "the padding bound holds for the run");
        else if (batchSize > 1) Assert.True(output.Result.Throughput!.PaddingEfficiency < 1, "batches must contain padding for the test to mean anything");
        return (await output.ReadScoresAsync()).GroupBy(s => s.RequestHash).ToDictionary(g => g.Key, g => g.First().Score);
    }

    private static void AssertSame(IReadOnlyDictionary<string, float> expected, IReadOnlyDictionary<string, float> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (hash, score) in expected) Assert.Equal(score, actual[hash], 1e-5f);
    }

    [Theory]
    [InlineData(32, 16384)] // the CLI defaults
    [InlineData(7, 64)]     // many small batches under a tight token budget
    public async Task Decoder_probe_scores_equal_batch_size_one(int batchSize, int batchTokens)
    {
        var dir = OnnxTestModels.Export(ProbeModels.LastToken(padTokenId: 0));
        AssertSame(await ScoresAsync(dir, 1), await ScoresAsync(dir, batchSize, batchTokens));
    }

    [Fact]
    public async Task Random_decoder_and_encoder_scores_equal_batch_size_one()
    {
        var shape = new TransformerShape(Layers: 2, Hidden: 32, Heads: 4, Ffn: 64, Vocab: 100, MaxPositions: 128);
        foreach (var model in new[] { TransformerDecoderRm.Build(shape), TransformerEncoderRm.Build(shape) })
        {
            var dir = OnnxTestModels.Export(model);
            AssertSame(await ScoresAsync(dir, 1), await ScoresAsync(dir, 32));
        }
    }

    [Fact]
    public async Task Padding_bounded_batches_score_the_same_on_decoder_and_encoder()
    {
        var shape = new TransformerShape(Layers: 2, Hidden: 32, Heads: 4, Ffn: 64, Vocab: 100, MaxPositions: 128);
        foreach (var model in new[] { TransformerDecoderRm.Build(shape), TransformerEncoderRm.Build(shape) })
        {
            var dir = OnnxTestModels.Export(model);
            AssertSame(await ScoresAsync(dir, 1), await ScoresAsync(dir, 32, 16384, maxPadding: 0.02));
        }
    }

    [Fact]
    public async Task Batches_scored_at_once_equal_one_batch_at_a_time_on_decoder_and_encoder()
    {
        // Four batches in flight share one session and the pooled input buffers; the reference scores one row at a time.
        var shape = new TransformerShape(Layers: 2, Hidden: 32, Heads: 4, Ffn: 64, Vocab: 100, MaxPositions: 128);
        foreach (var model in new[] { TransformerDecoderRm.Build(shape), TransformerEncoderRm.Build(shape) })
        {
            var dir = OnnxTestModels.Export(model);
            var oneAtATime = await ScoresAsync(dir, 1, settings: new OnnxSettings { Threads = 1 });
            AssertSame(oneAtATime, await ScoresAsync(dir, 7, 64, concurrency: 4));
            AssertSame(oneAtATime, await ScoresAsync(dir, 32, settings: new OnnxSettings())); // the CPU default: one batch per physical core
        }
    }

    [Fact]
    public async Task A_wrong_pad_id_would_break_batch_invariance_on_the_probe()
    {
        // The graph treats id 0 as padding; config.json claims 2 (an id the test encoder never emits),
        // so batched rows get pads the graph reads as tokens. Alone (batch size 1) no row is padded.
        var dir = OnnxTestModels.Export(ProbeModels.LastToken(padTokenId: 0), c => c["pad_token_id"] = 2);
        var alone = await ScoresAsync(dir, 1);
        var batched = await ScoresAsync(dir, 32);
        Assert.Contains(alone, kv => Math.Abs(batched[kv.Key] - kv.Value) > 1e-5f);
    }
}
