using RMBench.Core.Statistics;

namespace RMBench.Onnx.Graph.Models;

/// <summary>
/// A GPT-style decoder reward model with seeded random weights: word + position embeddings, pre-LayerNorm
/// layers of causal + padding-masked self-attention and GELU FFN, then the hidden state of the LAST
/// NON-PAD token (index sum(attention_mask) - 1, right only with right padding) through a linear score head.
/// </summary>
public static class TransformerDecoderRm
{
    public static BuiltModel Build(TransformerShape shape, int padTokenId = 0)
    {
        var b = new GraphBuilder("decoder_rm");
        var l = new Layers(b, new Pcg32(shape.Seed));
        var inputs = RmContract.Declare(b);
        var (_, positions) = l.Positions(inputs.Ids);

        var x = b.Op("Add", b.Op("Gather", l.Weight("word_embeddings", shape.Vocab, shape.Hidden), inputs.Ids),
            b.Op("Gather", l.Weight("position_embeddings", shape.MaxPositions, shape.Hidden), positions));
        var bias = b.Op("Add", l.PaddingBias(inputs.Mask), l.CausalBias(positions)); // [batch, 1, seq, seq]
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            x = b.Op("Add", x, l.SelfAttention(l.LayerNorm(x, shape.Hidden, $"l{layer}_attn_ln"), bias, shape.Hidden, shape.Heads, $"l{layer}_attn"));
            x = b.Op("Add", x, l.FeedForward(l.LayerNorm(x, shape.Hidden, $"l{layer}_ffn_ln"), shape.Hidden, shape.Ffn, $"l{layer}_ffn"));
        }
        x = l.LayerNorm(x, shape.Hidden, "final_ln");

        var last = LastRealTokenIndex(b, inputs.Mask);
        var pooled = b.Op("GatherND", [x, b.Op("Unsqueeze", last, b.Ints(1))], NodeAttribute.Int("batch_dims", 1)); // [batch, hidden]
        RmContract.DeclareLogits(b, l.Linear(pooled, shape.Hidden, shape.NumLabels, "score", bias: false), shape.NumLabels);

        return new BuiltModel(b.Build(), new OptimumConfig("gpt2", shape.NumLabels, padTokenId, shape.MaxPositions,
            Architecture: "GPT2ForSequenceClassification"));
    }

    /// <summary>sum(attention_mask) - 1 per row, int64 [batch].</summary>
    internal static string LastRealTokenIndex(GraphBuilder b, string mask) =>
        b.Op("Sub", b.Op("ReduceSum", [mask, b.Ints(1)], NodeAttribute.Int("keepdims", 0)), b.Scalar(1L));
}
