using RMBench.Core.Statistics;

namespace RMBench.Onnx.Graph.Models;

/// <summary>Transformer building blocks shared by the encoder and decoder recipes.</summary>
internal sealed class Layers(GraphBuilder b, Pcg32 rng)
{
    /// <summary>BERT's initializer scale: keeps activations O(1) so random-weight outputs stay finite and varied.</summary>
    private const double WeightStd = 0.02;
    /// <summary>Added to masked attention logits; exp(-1e4) is exactly 0 in float32, so masked keys contribute nothing.</summary>
    private const float MaskedLogit = -10000f;

    public GraphBuilder Builder => b;

    /// <summary>A [rows, cols] weight with uniform entries of standard deviation <see cref="WeightStd"/>.</summary>
    public string Weight(string hint, int rows, int cols)
    {
        var values = new float[checked(rows * cols)];
        var half = WeightStd * Math.Sqrt(3);
        for (var i = 0; i < values.Length; i++) values[i] = (float)((rng.NextDouble() * 2 - 1) * half);
        return b.Constant(hint, values, rows, cols);
    }

    public string Filled(string hint, int size, float value) => b.Constant(hint, Enumerable.Repeat(value, size).ToArray(), size);

    public string Linear(string x, int inputs, int outputs, string hint, bool bias = true)
    {
        var y = b.Op("MatMul", x, Weight(hint + "_w", inputs, outputs));
        return bias ? b.Op("Add", y, Filled(hint + "_b", outputs, 0f)) : y;
    }

    public string LayerNorm(string x, int hidden, string hint) =>
        b.Op("LayerNormalization", [x, Filled(hint + "_gamma", hidden, 1f), Filled(hint + "_beta", hidden, 0f)],
            NodeAttribute.Int("axis", -1), NodeAttribute.Float("epsilon", 1e-12f));

    /// <summary>Exact GELU: 0.5 x (1 + erf(x / sqrt 2)) (ONNX Runtime fuses this pattern).</summary>
    public string Gelu(string x)
    {
        var erf = b.Op("Erf", b.Op("Div", x, b.Scalar(MathF.Sqrt(2f))));
        return b.Op("Mul", b.Op("Mul", x, b.Op("Add", erf, b.Scalar(1f))), b.Scalar(0.5f));
    }

    /// <summary>The sequence length as an int64 scalar, and the positions 0..seq-1.</summary>
    public (string Length, string Positions) Positions(string ids)
    {
        var length = b.Op("Gather", [b.Op("Shape", ids), b.Scalar(1L)], NodeAttribute.Int("axis", 0));
        return (length, b.Op("Range", b.Scalar(0L), length, b.Scalar(1L)));
    }

    /// <summary>[batch, 1, 1, seq] additive bias: 0 on real tokens, <see cref="MaskedLogit"/> on pads.</summary>
    public string PaddingBias(string mask)
    {
        var padding = b.Op("Sub", b.Scalar(1f), b.Cast(mask, TensorType.Float));
        return b.Op("Unsqueeze", b.Op("Mul", padding, b.Scalar(MaskedLogit)), b.Ints(1, 2));
    }

    /// <summary>[seq, seq] additive bias that hides future positions (key index greater than query index).</summary>
    public string CausalBias(string positions)
    {
        var future = b.Op("Greater", b.Op("Unsqueeze", positions, b.Ints(0)), b.Op("Unsqueeze", positions, b.Ints(1)));
        return b.Op("Mul", b.Cast(future, TensorType.Float), b.Scalar(MaskedLogit));
    }

    /// <summary>Multi-head self-attention of x [batch, seq, hidden] under an additive bias broadcastable to [batch, heads, seq, seq].</summary>
    public string SelfAttention(string x, string bias, int hidden, int heads, string hint)
    {
        if (hidden % heads != 0) throw new ArgumentException($"hidden size {hidden} is not divisible by {heads} heads");
        var headSize = hidden / heads;
        var split = b.Ints(0, 0, heads, headSize); // 0 = keep that dimension (batch, seq)
        string Heads(string name, long[] perm) =>
            b.Op("Transpose", [b.Op("Reshape", Linear(x, hidden, hidden, $"{hint}_{name}"), split)], NodeAttribute.Ints("perm", perm));

        var q = Heads("q", [0, 2, 1, 3]);  // [batch, heads, seq, head]
        var kT = Heads("k", [0, 2, 3, 1]); // [batch, heads, head, seq]
        var v = Heads("v", [0, 2, 1, 3]);
        var scores = b.Op("Add", b.Op("Mul", b.Op("MatMul", q, kT), b.Scalar(1f / MathF.Sqrt(headSize))), bias);
        var context = b.Op("MatMul", b.Op("Softmax", [scores], NodeAttribute.Int("axis", -1)), v);
        var merged = b.Op("Reshape", b.Op("Transpose", [context], NodeAttribute.Ints("perm", 0, 2, 1, 3)), b.Ints(0, 0, hidden));
        return Linear(merged, hidden, hidden, $"{hint}_o");
    }

    public string FeedForward(string x, int hidden, int ffn, string hint) =>
        Linear(Gelu(Linear(x, hidden, ffn, $"{hint}_up")), ffn, hidden, $"{hint}_down");
}
