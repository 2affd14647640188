namespace RMBench.Onnx.Graph.Models;

/// <summary>
/// Tiny graphs with exactly known outputs, to test what the backend feeds a model: how many tokens are
/// real, which ids it sends, where the pads are and which label column it reads.
/// </summary>
public static class ProbeModels
{
    /// <summary>score = number of real tokens (sum of attention_mask).</summary>
    public static BuiltModel RealTokenCount(int padTokenId = 0)
    {
        var b = new GraphBuilder("real_token_count");
        var inputs = RmContract.Declare(b);
        RmContract.DeclareLogits(b, b.Cast(b.SumKeepingAxis(inputs.Mask, 1), TensorType.Float), 1);
        return new BuiltModel(b.Build(), ProbeConfig(1, padTokenId));
    }

    /// <summary>score = how many real tokens (mask 1) have id <paramref name="tokenId"/>.</summary>
    public static BuiltModel TokenCount(long tokenId, int padTokenId = 0)
    {
        var b = new GraphBuilder("token_count");
        var inputs = RmContract.Declare(b);
        RmContract.DeclareLogits(b, b.Cast(CountToken(b, inputs, tokenId), TensorType.Float), 1);
        return new BuiltModel(b.Build(), ProbeConfig(1, padTokenId));
    }

    /// <summary>
    /// Decoder-style probe: finds the last non-pad token from input_ids as Hugging Face's
    /// *ForSequenceClassification heads do (rightmost position whose id differs from
    /// <paramref name="padTokenId"/>) and scores 1000 * position + token id. Left padding moves the
    /// position, a wrong pad id makes the pads count as tokens: both change the score.
    /// </summary>
    public static BuiltModel LastToken(int padTokenId)
    {
        var b = new GraphBuilder("last_token");
        var inputs = RmContract.Declare(b);
        var notPad = b.Cast(b.Op("Not", b.Op("Equal", inputs.Ids, b.Scalar((long)padTokenId))), TensorType.Int64);
        var positions = b.Op("Range", b.Scalar(0L), b.Op("Gather", [b.Op("Shape", inputs.Ids), b.Scalar(1L)], NodeAttribute.Int("axis", 0)), b.Scalar(1L));
        // Position times "is a token": its argmax is the rightmost token (0 when there is none but position 0).
        var last = b.Op("ArgMax", [b.Op("Mul", notPad, positions)], NodeAttribute.Int("axis", 1), NodeAttribute.Int("keepdims", 1)); // [batch, 1]
        var token = b.Op("GatherElements", [inputs.Ids, last], NodeAttribute.Int("axis", 1));
        var score = b.Op("Add", b.Op("Mul", last, b.Scalar(1000L)), token);
        RmContract.DeclareLogits(b, b.Cast(score, TensorType.Float), 1);
        return new BuiltModel(b.Build(), ProbeConfig(1, padTokenId) with { ModelType = "gpt2", Architecture = "GPT2ForSequenceClassification" });
    }

    /// <summary>Three labels: "length" = real tokens, "count" = occurrences of <paramref name="tokenId"/>, "negative_length" = -real tokens.</summary>
    public static BuiltModel MultiLabel(long tokenId, int padTokenId = 0)
    {
        var b = new GraphBuilder("multi_label");
        var inputs = RmContract.Declare(b);
        var length = b.Cast(b.SumKeepingAxis(inputs.Mask, 1), TensorType.Float);
        var count = b.Cast(CountToken(b, inputs, tokenId), TensorType.Float);
        var logits = b.Op("Concat", [length, count, b.Op("Neg", length)], NodeAttribute.Int("axis", 1));
        RmContract.DeclareLogits(b, logits, 3);
        return new BuiltModel(b.Build(), ProbeConfig(3, padTokenId) with { Labels = ["length", "count", "negative_length"] });
    }

    private static string CountToken(GraphBuilder b, RmContract.Inputs inputs, long tokenId)
    {
        var hits = b.Cast(b.Op("Equal", inputs.Ids, b.Scalar(tokenId)), TensorType.Int64);
        return b.SumKeepingAxis(b.Op("Mul", hits, inputs.Mask), 1);
    }

    private static OptimumConfig ProbeConfig(int numLabels, int padTokenId) =>
        new("bert", numLabels, padTokenId, MaxPositionEmbeddings: 4096, Architecture: "BertForSequenceClassification");
}
