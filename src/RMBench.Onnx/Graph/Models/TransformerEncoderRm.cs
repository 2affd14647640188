using RMBench.Core.Statistics;

namespace RMBench.Onnx.Graph.Models;

/// <summary>
/// A BERT-style encoder reward model with seeded random weights: word + position (+ token type)
/// embeddings, post-LayerNorm layers of masked multi-head self-attention and GELU FFN, [CLS]
/// (position 0) pooling through a tanh pooler, linear head to num_labels.
/// </summary>
public static class TransformerEncoderRm
{
    public static BuiltModel Build(TransformerShape shape)
    {
        var b = new GraphBuilder("encoder_rm");
        var l = new Layers(b, new Pcg32(shape.Seed));
        var inputs = RmContract.Declare(b, shape.TypeVocab > 0);
        var (_, positions) = l.Positions(inputs.Ids);

        var x = b.Op("Add", b.Op("Gather", l.Weight("word_embeddings", shape.Vocab, shape.Hidden), inputs.Ids),
            b.Op("Gather", l.Weight("position_embeddings", shape.MaxPositions, shape.Hidden), positions));
        if (inputs.TypeIds is not null)
            x = b.Op("Add", x, b.Op("Gather", l.Weight("token_type_embeddings", shape.TypeVocab, shape.Hidden), inputs.TypeIds));
        x = l.LayerNorm(x, shape.Hidden, "embeddings_ln");

        var bias = l.PaddingBias(inputs.Mask);
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            x = l.LayerNorm(b.Op("Add", x, l.SelfAttention(x, bias, shape.Hidden, shape.Heads, $"l{layer}_attn")), shape.Hidden, $"l{layer}_attn_ln");
            x = l.LayerNorm(b.Op("Add", x, l.FeedForward(x, shape.Hidden, shape.Ffn, $"l{layer}_ffn")), shape.Hidden, $"l{layer}_ffn_ln");
        }

        var cls = b.Op("Gather", [x, b.Scalar(0L)], NodeAttribute.Int("axis", 1)); // [batch, hidden]
        var pooled = b.Op("Tanh", l.Linear(cls, shape.Hidden, shape.Hidden, "pooler"));
        RmContract.DeclareLogits(b, l.Linear(pooled, shape.Hidden, shape.NumLabels, "classifier"), shape.NumLabels);

        return new BuiltModel(b.Build(), new OptimumConfig("bert", shape.NumLabels, PadTokenId: 0, shape.MaxPositions,
            Architecture: "BertForSequenceClassification"));
    }
}
