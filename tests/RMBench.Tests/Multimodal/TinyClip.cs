using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx.Clip;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Text;

namespace RMBench.Tests.Multimodal;

/// <summary>
/// A tiny CLIP-style graph with behaviour known in closed form, built with the ONNX graph builder:
/// <list type="bullet">
/// <item>image embedding: the per-channel mean of pixel_values minus normalised white ((1 - mean) / std,
/// so a white background adds nothing), then each channel minus half the other two (its "colourfulness";
/// W_img = [[1, -.5, -.5], [-.5, 1, -.5], [-.5, -.5, 1]]);</item>
/// <item>text embedding: the sum over real tokens (attention_mask) of a 3-d embedding per token id:
/// red (1, 0, 0), green (0, 1, 0), blue (0, 0, 1), yellow (1, 1, 0), purple (0, -1, 0), others 0;</item>
/// <item>logits_per_image[i, j] = 10 * image_i . text_j, shape [images, texts] as in CLIP.</item>
/// </list>
/// </summary>
public static class TinyClip
{
    public const float Scale = 10f;
    public static readonly string[] Vocabulary = ["<pad>", "<unk>", "red", "green", "blue", "yellow", "purple"];

    private static readonly float[] Embeddings =
    [
        0, 0, 0, // <pad>
        0, 0, 0, // <unk>
        1, 0, 0, // red
        0, 1, 0, // green
        0, 0, 1, // blue
        1, 1, 0, // yellow
        0, -1, 0, // purple
    ];

    public static OnnxGraph Graph()
    {
        var b = new GraphBuilder("tiny_clip");
        var pixels = b.Input(ClipRewardModel.PixelValues, TensorType.Float, "batch", 3, 224, 224);
        var ids = b.Input(ClipRewardModel.InputIds, TensorType.Int64, "batch", "seq");
        var mask = b.Input(ClipRewardModel.AttentionMask, TensorType.Int64, "batch", "seq");

        var means = b.Op("ReduceMean", [pixels], NodeAttribute.Ints("axes", 2, 3), NodeAttribute.Int("keepdims", 0)); // [batch, 3]
        var white = ClipImageOptions.ClipMean.Select((m, c) => (1 - m) / ClipImageOptions.ClipStd[c]).ToArray();
        var ink = b.Op("Sub", means, b.Constant("white", white, 3));
        var image = b.Op("MatMul", ink, b.Constant("w_img", [1, -0.5f, -0.5f, -0.5f, 1, -0.5f, -0.5f, -0.5f, 1], 3, 3));

        var tokens = b.Op("Gather", [b.Constant("embed", Embeddings, Vocabulary.Length, 3), ids], NodeAttribute.Int("axis", 0)); // [batch, seq, 3]
        var real = b.Op("Unsqueeze", b.Cast(mask, TensorType.Float), b.Ints(2));
        var text = b.Op("ReduceSum", [b.Op("Mul", tokens, real), b.Ints(1)], NodeAttribute.Int("keepdims", 0)); // [batch, 3]

        var similarity = b.Op("MatMul", image, b.Op("Transpose", [text], NodeAttribute.Ints("perm", 1, 0)));
        b.Output(b.Op("Mul", similarity, b.Scalar(Scale)), ClipRewardModel.LogitsPerImage, TensorType.Float, "batch", "batch");
        return b.Build();
    }

    /// <summary>The tiny graph behind a real ONNX Runtime session, with the word encoder and CLIP preprocessing.</summary>
    public static ClipRewardModel Model(int? maxLength = null) =>
        new(new InferenceSession(OnnxModelWriter.ToBytes(Graph())), new WordEncoder(maxLength), new ClipImagePreprocessor(ClipImageOptions.Default),
            padTokenId: 0, new ModelInfo { Id = "tiny-clip", Backend = "onnx-clip", Digest = "test" });
}

/// <summary>
/// A small honest text encoder for tests: lower-cased words (letters only) mapped to their index in
/// <see cref="TinyClip.Vocabulary"/>, unknown words to 1, no special tokens; cut to the limit from the right.
/// </summary>
public sealed partial class WordEncoder(int? maxLength = null) : ITextEncoder
{
    public string TemplateName => "words";
    public string TemplateDigest => "none";
    public string TokenizerDigest => RMBench.Core.IO.Sha256.Hex(string.Join("\n", TinyClip.Vocabulary));
    public int? MaxLength => maxLength;

    public TokenizedRequest Encode(ScoringRequest request)
    {
        var ids = Words().Matches(request.Response.ToLowerInvariant())
            .Select(m => Array.IndexOf(TinyClip.Vocabulary, m.Value) is var i and >= 0 ? i : 1)
            .ToArray();
        var truncated = maxLength is { } limit && ids.Length > limit;
        return new TokenizedRequest(truncated ? ids[..maxLength!.Value] : ids, null, truncated);
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Words();
}
