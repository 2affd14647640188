using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

/// <summary>The random-weight transformer recipes load in ONNX Runtime and behave like real RMs.</summary>
public class TransformerRecipeTests
{
    private static readonly TransformerShape Tiny = new(Layers: 2, Hidden: 32, Heads: 4, Ffn: 64, Vocab: 100, MaxPositions: 64);
    private static readonly long[][] Rows = [[1, 5, 9, 13, 2], [1, 44, 2], [1, 7, 7, 7, 7, 7, 2], [1, 2]];

    public static TheoryData<string> Kinds => ["encoder", "decoder"];

    private static BuiltModel Build(string kind, TransformerShape shape) =>
        kind == "encoder" ? TransformerEncoderRm.Build(shape) : TransformerDecoderRm.Build(shape);

    [Theory, MemberData(nameof(Kinds))]
    public void Scores_are_finite_varied_and_deterministic_for_a_seed(string kind)
    {
        var first = OrtRun.Column(OrtRun.Logits(Build(kind, Tiny).Graph, Rows));
        var again = OrtRun.Column(OrtRun.Logits(Build(kind, Tiny).Graph, Rows));
        var otherSeed = OrtRun.Column(OrtRun.Logits(Build(kind, Tiny with { Seed = 7 }).Graph, Rows));

        Assert.All(first, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(Rows.Length, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(OnnxModelWriter.ToBytes(Build(kind, Tiny).Graph), OnnxModelWriter.ToBytes(Build(kind, Tiny).Graph));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Padding_does_not_change_a_row_score(string kind)
    {
        // The attention mask hides pads (and the decoder pools sum(mask) - 1), so a row scored alone
        // equals the same row inside a padded batch.
        var graph = Build(kind, Tiny).Graph;
        var batched = OrtRun.Column(OrtRun.Logits(graph, Rows));
        for (var r = 0; r < Rows.Length; r++)
            Assert.Equal(OrtRun.Column(OrtRun.Logits(graph, [Rows[r]]))[0], batched[r], 1e-5f);
    }

    [Fact]
    public void Decoder_pools_the_last_real_token_so_left_padding_changes_its_score()
    {
        var graph = TransformerDecoderRm.Build(Tiny).Graph;
        var right = OrtRun.Column(OrtRun.Logits(graph, Rows));
        var left = OrtRun.Column(OrtRun.Logits(graph, Rows, leftPad: true));
        Assert.Equal(right[2], left[2], 1e-5f); // the longest row has no padding either way
        Assert.NotEqual(right[3], left[3], 1e-3f);
    }

    [Fact]
    public void Encoder_with_token_types_and_several_labels_has_the_optimum_contract()
    {
        var model = TransformerEncoderRm.Build(Tiny with { TypeVocab = 2, NumLabels = 3 });
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], model.Graph.Inputs.Select(i => i.Name));
        Assert.Equal("logits", Assert.Single(model.Graph.Outputs).Name);
        var logits = OrtRun.Logits(model.Graph, Rows);
        Assert.All(logits, row => Assert.Equal(3, row.Length));
    }

    [Fact]
    public void External_data_model_loads_and_scores_like_the_inline_one()
    {
        var dir = TestPaths.NewTempDirectory();
        var graph = TransformerEncoderRm.Build(Tiny).Graph;
        var inline = Path.Combine(dir, "inline.onnx");
        var external = Path.Combine(dir, "model.onnx");
        Assert.Null(OnnxModelWriter.Save(graph, inline, ExternalDataPolicy.Never));
        Assert.Equal(external + "_data", OnnxModelWriter.Save(graph, external, ExternalDataPolicy.Always));

        Assert.True(new FileInfo(external).Length < graph.InitializerBytes / 2, "weights should live in model.onnx_data");
        Assert.True(new FileInfo(external + "_data").Length >= graph.InitializerBytes);
        Assert.Equal(OrtRun.Column(OrtRun.Logits(inline, Rows)), OrtRun.Column(OrtRun.Logits(external, Rows)));
    }

    [Fact]
    public void Default_policy_moves_weights_out_only_above_the_threshold()
    {
        var dir = TestPaths.NewTempDirectory();
        var graph = TransformerEncoderRm.Build(Tiny).Graph;
        Assert.Null(OnnxModelWriter.Save(graph, Path.Combine(dir, "small.onnx"), new ExternalDataPolicy(graph.InitializerBytes)));
        Assert.NotNull(OnnxModelWriter.Save(graph, Path.Combine(dir, "big.onnx"), new ExternalDataPolicy(graph.InitializerBytes - 1)));
        // A probe has only small constants (axes, scalars): they stay inline and no empty data file is left.
        Assert.Null(OnnxModelWriter.Save(ProbeModels.RealTokenCount().Graph, Path.Combine(dir, "probe.onnx"), ExternalDataPolicy.Always));
        Assert.False(File.Exists(Path.Combine(dir, "probe.onnx_data")));
    }

    [Fact]
    public void MiniLm_size_encoder_builds_and_runs()
    {
        var model = TransformerEncoderRm.Build(TransformerShape.MiniLm);
        // 30522x384 words + 512x384 positions + 2x384 types + 6 x (4 x 384^2 + 2 x 384 x 1536) + pooler, ~22.7M floats.
        Assert.InRange(model.Graph.InitializerBytes / 4, 22_500_000, 23_000_000);
        var scores = OrtRun.Column(OrtRun.Logits(model.Graph, [[101, 2023, 2003, 102], [101, 102]]));
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }
}
