using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;

namespace RMBench.Onnx.Clip;

/// <summary>
/// A CLIP-style image reward model (PickScore, HPS v2 style) behind an ONNX graph with inputs
/// <c>pixel_values</c> float [batch, 3, H, W], <c>input_ids</c> and <c>attention_mask</c> int64
/// [batch, length], and output <c>logits_per_image</c> float [images, texts] (the scaled image-text
/// similarities). A request's score is the logit of its image against its text, the diagonal of that
/// matrix. The text is the response when there is one (image-response: how well the answer describes
/// the image; the question itself is not scored, which is what a CLIP RM can judge) and otherwise the
/// prompt (image-pair: how well the image matches the prompt). Every request needs exactly one image;
/// text-only items are unsupported (the model declares only <see cref="ModelCapabilities.Images"/>).
/// </summary>
public sealed class ClipRewardModel : IRewardModel, ITokenizingModel
{
    public const string PixelValues = "pixel_values";
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string LogitsPerImage = "logits_per_image";

    private readonly InferenceSession _session;
    private readonly ITextEncoder _text;
    private readonly ClipImagePreprocessor _images;
    private readonly long _padTokenId;

    /// <param name="padTokenId">Id written after the end of shorter texts; masked out by attention_mask.</param>
    public ClipRewardModel(InferenceSession session, ITextEncoder text, ClipImagePreprocessor images, long padTokenId, ModelInfo info)
    {
        CheckSignature(session, info.Id, images.Options);
        (_session, _text, _images, _padTokenId) = (session, text, images, padTokenId);
        Info = info with { Capabilities = ModelCapabilities.Images };
    }

    public ModelInfo Info { get; }

    /// <summary>The text a request is scored with: its response, or its prompt when the response is empty.</summary>
    public static string Caption(ScoringRequest request) => request.Response.Length > 0 ? request.Response : request.Prompt;

    public TokenMeasure Measure(ScoringRequest request)
    {
        var encoded = Encode(request);
        return new TokenMeasure(encoded.Ids.Length, encoded.Truncated);
    }

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0) return Task.FromResult(Array.Empty<float>());
        var n = batch.Count;
        var pixels = new float[n * _images.Length];
        var texts = new TokenizedRequest[n];
        for (var i = 0; i < n; i++)
        {
            var request = batch[i].Request;
            if (request.Images.Count != 1)
                throw new InputException(Where(batch[i]), $"model '{Info.Id}' scores exactly one image per request; this request has {request.Images.Count}");
            try { _images.Write(request.Images[0], pixels.AsSpan(i * _images.Length, _images.Length)); }
            catch (ImageDecodeException e) { throw new InputException(Where(batch[i]), $"the image cannot be decoded: {e.Message}"); }
            texts[i] = Encode(request);
        }
        var length = texts.Max(t => t.Ids.Length);
        var (ids, mask) = (new long[n * length], new long[n * length]);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < length; j++)
            {
                var inside = j < texts[i].Ids.Length;
                ids[i * length + j] = inside ? texts[i].Ids[j] : _padTokenId;
                mask[i * length + j] = inside ? 1 : 0;
            }
        return Task.FromResult(Run(pixels, ids, mask, n, length));
    }

    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    private TokenizedRequest Encode(ScoringRequest request) => _text.Encode(new ScoringRequest(null, [], Caption(request)));

    private float[] Run(float[] pixels, long[] ids, long[] mask, int n, int length)
    {
        var (height, width) = (_images.Options.CropHeight, _images.Options.CropWidth);
        using var pixelValues = OrtValue.CreateTensorValueFromMemory(pixels, [n, 3, height, width]);
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, [n, length]);
        using var attention = OrtValue.CreateTensorValueFromMemory(mask, [n, length]);
        using var options = new RunOptions();
        using var outputs = _session.Run(options,
            new Dictionary<string, OrtValue> { [PixelValues] = pixelValues, [InputIds] = inputIds, [AttentionMask] = attention },
            [LogitsPerImage]);
        var logits = outputs[0];
        var shape = logits.GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != n || shape[1] != n)
            throw new InvalidOperationException($"model '{Info.Id}': {LogitsPerImage} has shape [{string.Join(", ", shape)}]; [{n}, {n}] expected for {n} image-text pairs");
        var values = logits.GetTensorDataAsSpan<float>();
        var scores = new float[n];
        for (var i = 0; i < n; i++) scores[i] = values[i * n + i];
        return scores;
    }

    private static string Where(ScoringBatchEntry entry) =>
        entry.Origins.Count == 0 ? "request " + entry.Request.Hash[..12] : string.Join("; ", entry.Origins.Select(o => $"suite '{o.Suite}' item '{o.ItemId}' ({o.Role})"));

    /// <summary>
    /// Refuses a graph without the CLIP inputs and output, with other element types, or whose fixed
    /// pixel_values size differs from the preprocessor's crop, before any scoring.
    /// </summary>
    public static void CheckSignature(InferenceSession session, string model, ClipImageOptions image)
    {
        var problems = new List<string>();
        void Expect(IReadOnlyDictionary<string, NodeMetadata> values, string name, TensorElementType type, string what)
        {
            if (!values.TryGetValue(name, out var meta)) problems.Add($"{what} '{name}' is missing (it has: {string.Join(", ", values.Keys)})");
            else if (meta.ElementDataType != type) problems.Add($"{what} '{name}' has element type {meta.ElementDataType}; {type} expected");
        }
        Expect(session.InputMetadata, PixelValues, TensorElementType.Float, "input");
        Expect(session.InputMetadata, InputIds, TensorElementType.Int64, "input");
        Expect(session.InputMetadata, AttentionMask, TensorElementType.Int64, "input");
        Expect(session.OutputMetadata, LogitsPerImage, TensorElementType.Float, "output");
        if (session.InputMetadata.TryGetValue(PixelValues, out var pixels) && pixels.Dimensions is [_, var channels, var height, var width]
            && (channels > 0 && channels != 3 || height > 0 && height != image.CropHeight || width > 0 && width != image.CropWidth))
            problems.Add($"input '{PixelValues}' has shape [batch, {channels}, {height}, {width}] but the preprocessor makes [batch, 3, {image.CropHeight}, {image.CropWidth}]");
        foreach (var extra in session.InputMetadata.Keys.Except([PixelValues, InputIds, AttentionMask]))
            problems.Add($"input '{extra}' is not a CLIP input (pixel_values, input_ids, attention_mask)");
        if (problems.Count > 0) throw new InputException(model, "is not a CLIP-style graph: " + string.Join("; ", problems));
    }
}
