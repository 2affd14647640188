using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Onnx.Baseline;

/// <summary>
/// The built-in baseline as an ONNX graph with the optimum text-classification contract: hashed
/// unigram and bigram slots of input_ids (exactly <see cref="NgramHashing"/>), their weights gathered
/// and averaged over the real tokens (attention_mask), plus a bias. Padding is masked out, so any
/// right-padded batch scores each row as if it were alone.
/// </summary>
public static class BaselineGraph
{
    public static OnnxGraph Build(float[] weights, float bias = 0)
    {
        if (weights.Length != NgramHashing.WeightCount)
            throw new ArgumentException($"expected {NgramHashing.WeightCount} weights, got {weights.Length}", nameof(weights));
        var b = new GraphBuilder("rmbench_ngram_baseline");
        var inputs = RmContract.Declare(b);
        var table = b.Constant("ngram_weights", weights, weights.Length);
        var buckets = b.Scalar(NgramHashing.Buckets);
        var mask = b.Cast(inputs.Mask, TensorType.Float);

        // unigram slot = id mod B
        var unigramSum = MaskedSum(b, b.Op("Gather", table, b.Op("Mod", inputs.Ids, buckets)), mask);

        // bigram slot = B + (id[t] * M + id[t-1]) mod B, for t >= 1, real when both tokens are real
        var previous = SliceSequence(b, inputs.Ids, 0, -1);
        var current = SliceSequence(b, inputs.Ids, 1, long.MaxValue);
        var mixed = b.Op("Add", b.Op("Mul", current, b.Scalar(NgramHashing.Multiplier)), previous);
        var bigramSlots = b.Op("Add", b.Op("Mod", mixed, buckets), buckets);
        var bigramMask = b.Op("Mul", SliceSequence(b, mask, 0, -1), SliceSequence(b, mask, 1, long.MaxValue));
        var bigramSum = MaskedSum(b, b.Op("Gather", table, bigramSlots), bigramMask);

        var count = b.Op("Add", Sum(b, mask), Sum(b, bigramMask));
        var mean = b.Op("Div", b.Op("Add", unigramSum, bigramSum), b.Op("Max", count, b.Scalar(1f)));
        RmContract.DeclareLogits(b, b.Op("Add", mean, b.Scalar(bias)), 1);
        return b.Build();
    }

    private static string SliceSequence(GraphBuilder b, string x, long start, long end) =>
        b.Op("Slice", x, b.Ints(start), b.Ints(end), b.Ints(1));

    /// <summary>[batch, 1] sum over the sequence axis (0 for an empty sequence).</summary>
    private static string Sum(GraphBuilder b, string x) => b.SumKeepingAxis(x, 1);

    private static string MaskedSum(GraphBuilder b, string values, string mask) => Sum(b, b.Op("Mul", values, mask));
}
