using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Onnx.Text;

namespace RMBench.Tests.Onnx;

/// <summary>OnnxRewardModel over real ONNX Runtime sessions of probe graphs, with the word test encoder.</summary>
public class OnnxRewardModelTests
{
    private static async Task<float[]> ScoreAsync(IRewardModel model, params (string Prompt, string Response)[] requests) =>
        await model.ScoreAsync(requests.Select(r => new ScoringBatchEntry(OnnxTestModels.Request(r.Prompt, r.Response), [])).ToList(), CancellationToken.None);

    [Fact]
    public async Task Scores_are_the_chosen_label_column_of_the_logits()
    {
        // Tokens: BOS + prompt words + response words. "q" + "a b c" = 5 tokens, "q" + "a" = 3.
        var dir = OnnxTestModels.Export(ProbeModels.MultiLabel(tokenId: 1)); // id 1 = BOS: count is 1 per row
        await using var byName = await OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Label = "negative_length" });
        await using var byIndex = await OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Label = "1" });

        Assert.Equal(new[] { -5f, -3f }, await ScoreAsync(byName, ("q", "a b c"), ("q", "a")));
        Assert.Equal(new[] { 1f, 1f }, await ScoreAsync(byIndex, ("q", "a b c"), ("q", "a")));
        Assert.Equal("2 (negative_length)", byName.Info.Settings["label"]);
    }

    [Fact]
    public async Task Multi_label_head_without_label_names_the_labels_and_the_option()
    {
        var dir = OnnxTestModels.Export(ProbeModels.MultiLabel(tokenId: 1));
        var error = await Assert.ThrowsAsync<InputException>(() => OnnxTestModels.OpenAsync(dir));
        Assert.Contains("--label", error.Message);
        Assert.Contains("0 'length', 1 'count', 2 'negative_length'", error.Message);

        var unknown = await Assert.ThrowsAsync<InputException>(() => OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Label = "lenght" }));
        Assert.Contains("did you mean 'length'", unknown.Message);
        var outOfRange = await Assert.ThrowsAsync<InputException>(() => OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Label = "3" }));
        Assert.Contains("out of range", outOfRange.Message);
    }

    [Fact]
    public async Task A_label_named_reward_is_picked_without_the_option()
    {
        var model = ProbeModels.MultiLabel(tokenId: 1);
        var dir = OnnxTestModels.Export(model with { Config = model.Config with { Labels = ["length", "reward", "other"] } });
        await using var onnx = await OnnxTestModels.OpenAsync(dir);
        Assert.Equal("1 (reward)", onnx.Info.Settings["label"]);
    }

    [Fact]
    public async Task Rows_are_right_padded_with_the_configured_pad_id()
    {
        // Last-token probe with pad id 0 (the config's): score = 1000 * index of last real token + its id.
        var encoder = new WordTestEncoder();
        var dir = OnnxTestModels.Export(ProbeModels.LastToken(padTokenId: 0));
        await using var model = await OnnxTestModels.OpenAsync(dir, encoder);

        var scores = await ScoreAsync(model, ("q", "one two three four"), ("q", "five"));

        Assert.Equal([5000f + encoder.Id("four"), 2000f + encoder.Id("five")], scores);
        Assert.Equal(new PaddingTotals(6 + 3, 2 * 6), model.Padding);
    }

    [Fact]
    public async Task Token_type_ids_reach_the_graph_when_it_declares_them()
    {
        // A graph scoring sum(token_type_ids * mask): the encoder gives type 1 to response words.
        var b = new GraphBuilder("type_sum");
        var inputs = RmContract.Declare(b, tokenTypeIds: true);
        var sum = b.SumKeepingAxis(b.Op("Mul", inputs.TypeIds!, inputs.Mask), 1);
        RmContract.DeclareLogits(b, b.Cast(sum, TensorType.Float), 1);
        var dir = OnnxTestModels.Export(new BuiltModel(b.Build(), new OptimumConfig("bert", 1, 0, 512)));
        await using var model = await OnnxTestModels.OpenAsync(dir, new WordTestEncoder(typeIds: true));

        Assert.Equal(new[] { 3f, 1f }, await ScoreAsync(model, ("a question", "x y z"), ("q", "x")));
        Assert.Equal("yes", model.Info.Settings["token_type_ids"]);
    }

    [Fact]
    public async Task Measure_reports_tokens_and_truncation_with_the_declared_side()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await using var model = await OnnxTestModels.OpenAsync(dir, new WordTestEncoder(maxLength: 4));
        Assert.Equal(new TokenMeasure(4, true), model.Measure(OnnxTestModels.Request("q", "a b c d")));
        Assert.Equal(new TokenMeasure(3, false), model.Measure(OnnxTestModels.Request("q", "a")));
        Assert.Equal(new[] { 4f }, await ScoreAsync(model, ("q", "a b c d")));
    }

    [Fact]
    public async Task Info_has_an_honest_digest_and_the_settings_used()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount(), externalData: ExternalDataPolicy.Never);
        var tiny = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape()), externalData: ExternalDataPolicy.Always);
        await using var first = await OnnxTestModels.OpenAsync(dir);
        await using var otherTokenizer = await OnnxTestModels.OpenAsync(dir, new WordTestEncoder(vocab: 50));
        await using var external = await OnnxTestModels.OpenAsync(tiny);
        var digestBefore = external.Info.Digest;
        await File.AppendAllTextAsync(Path.Combine(tiny, "model.onnx_data"), "x");
        await using var changedData = await OnnxTestModels.OpenAsync(tiny);

        Assert.Equal("onnx", first.Info.Backend);
        Assert.True(first.Info.Deterministic);
        Assert.Equal("cpu", first.Info.Settings["device"]);
        Assert.Equal("left", first.Info.Settings["truncation"]);
        Assert.Equal("test-words", first.Info.Settings["template"]);
        Assert.Equal("config.json pad_token_id", first.Info.Settings["pad_token_source"]);
        Assert.NotEqual(first.Info.Digest, otherTokenizer.Info.Digest);
        Assert.NotEqual(digestBefore, changedData.Info.Digest); // external data is part of the digest
    }

    [Fact]
    public async Task The_cpu_default_runs_one_batch_per_physical_core_and_threads_n_one_batch_at_a_time()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await using var byDefault = await OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings());
        await using var pinned = await OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Threads = 2 });

        Assert.Equal(CpuCores.Physical(), byDefault.DefaultConcurrency);
        Assert.Equal(CpuCores.Physical() > 1 ? "1 per batch" : "default", byDefault.Info.Settings["threads"]);
        Assert.Equal(1, pinned.DefaultConcurrency);
        Assert.Equal("2", pinned.Info.Settings["threads"]);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0,16", 2)]
    [InlineData("0-1", 2)]
    [InlineData("0-3,8-11", 8)]
    public void Linux_cpu_lists_are_counted(string list, int count) => Assert.Equal(count, CpuCores.CountList(list));

    [Fact]
    public async Task The_digest_made_while_the_session_loads_equals_the_directory_digest()
    {
        var dir = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape()), externalData: ExternalDataPolicy.Always);
        var encoder = new WordTestEncoder();
        await using var model = await OnnxTestModels.OpenAsync(dir, encoder);

        var sequential = await OnnxModelDirectory.Open(dir).DigestAsync(encoder.TokenizerDigest, encoder.TemplateDigest, CancellationToken.None);
        Assert.Equal(sequential, model.Info.Digest);
    }

    [Fact]
    public async Task A_bad_graph_is_reported_before_a_tokenizer_error_although_both_load_at_once()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await File.WriteAllTextAsync(Path.Combine(dir, "model.onnx"), "not an onnx graph");
        ITextEncoder BrokenTokenizer(OnnxModelDirectory _) => throw new InputException("tokenizer.json", "broken tokenizer");

        var error = await Assert.ThrowsAsync<InputException>(() =>
            OnnxRewardModel.OpenAsync(dir, new OnnxSettings { Threads = 1 }, BrokenTokenizer, CancellationToken.None));
        Assert.Contains("ONNX Runtime cannot load it", error.Message);
        Assert.DoesNotContain("broken tokenizer", error.Message);
    }

    [Fact]
    public async Task A_tokenizer_error_with_a_good_graph_is_reported_as_it_was_thrown()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        ITextEncoder BrokenTokenizer(OnnxModelDirectory _) => throw new InputException("tokenizer.json", "broken tokenizer");

        var error = await Assert.ThrowsAsync<InputException>(() =>
            OnnxRewardModel.OpenAsync(dir, new OnnxSettings { Threads = 1 }, BrokenTokenizer, CancellationToken.None));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("tokenizer.json", problem.Source);
        Assert.Equal("broken tokenizer", problem.Message);
    }

    [Fact]
    public async Task Pad_id_falls_back_to_eos_only_when_config_has_none_and_says_so()
    {
        var eos = OnnxTestModels.Export(ProbeModels.RealTokenCount(), c => { c.Remove("pad_token_id"); c["eos_token_id"] = new System.Text.Json.Nodes.JsonArray(7, 8); });
        var neither = OnnxTestModels.Export(ProbeModels.RealTokenCount(), c => c.Remove("pad_token_id"));
        await using var model = await OnnxTestModels.OpenAsync(eos);

        Assert.Equal("7", model.Info.Settings["pad_token_id"]);
        Assert.Equal("config.json eos_token_id (no pad_token_id)", model.Info.Settings["pad_token_source"]);
        var error = await Assert.ThrowsAsync<InputException>(() => OnnxTestModels.OpenAsync(neither));
        Assert.Contains("no pad_token_id", error.Message);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    [InlineData("tensorrt")]
    public async Task Gpu_device_without_the_gpu_runtime_is_one_clear_error(string device)
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        var error = await Assert.ThrowsAsync<InputException>(() =>
            OnnxTestModels.OpenAsync(dir, settings: new OnnxSettings { Device = ExecutionDevice.Parse(device) }));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("--device", problem.Source);
        Assert.Contains("-p:OnnxRuntimeGpu=true", problem.Message);
        Assert.Contains("does not fall back to the CPU", problem.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cpu:0")]
    public void Unknown_device_names_are_input_errors(string device)
    {
        var error = Assert.Throws<InputException>(() => ExecutionDevice.Parse(device));
        Assert.Equal("--device", error.Problems[0].Source);
    }

    [Fact]
    public void Truncation_side_and_threads_come_from_the_cli_option_names()
    {
        var settings = OnnxSettings.From(new ModelOptions
        {
            MaxLength = 64,
            Extra = new Dictionary<string, string> { ["truncation"] = "right", ["threads"] = "2", ["device"] = "cuda:1", ["label"] = "x" },
        });
        Assert.Equal(new TextOptions(null, 64, TruncationSide.Right), settings.TextOptions);
        Assert.Equal(2, settings.Threads);
        Assert.Equal("cuda:1", settings.Device.ToString());
        Assert.Equal("x", settings.Label);
    }
}
