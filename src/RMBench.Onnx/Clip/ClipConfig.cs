using System.Globalization;
using System.Text.Json;
using RMBench.Core.Errors;

namespace RMBench.Onnx.Clip;

/// <summary>
/// How images become <c>pixel_values</c>, as in Hugging Face's CLIPImageProcessor: resize so the short
/// side is <see cref="ShortSide"/> (the long side scaled and floored) or to an exact size, center crop,
/// scale to [0, 1], normalise per channel with <see cref="Mean"/> and <see cref="Std"/>.
/// </summary>
/// <param name="ShortSide">Target of the short side; null when <see cref="ResizeTo"/> gives an exact size.</param>
/// <param name="ResizeTo">Exact (height, width) resize ("size": {"height", "width"}); null for short-side resizing.</param>
public sealed record ClipImageOptions(int? ShortSide, (int Height, int Width)? ResizeTo, int CropHeight, int CropWidth,
    IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>OpenAI CLIP's normalisation (also PickScore's and HPS v2's).</summary>
    public static readonly IReadOnlyList<float> ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    public static readonly IReadOnlyList<float> ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    public static ClipImageOptions Default { get; } = new(224, null, 224, 224, ClipMean, ClipStd);
}

/// <summary>
/// Reads a CLIP model directory's preprocessor_config.json (image settings; CLIP defaults when the file
/// is absent) and config.json (text length and pad id). Anything RMBench cannot honour exactly, such as a
/// resampling filter other than bicubic, is refused with an <see cref="InputException"/> naming the field.
/// The pad id comes from config.json's text_config.pad_token_id (0 when absent): pads are masked by
/// attention_mask, and with OpenAI CLIP's pad id 1 below its end-of-text id an export that pools at
/// argmax(input_ids) still finds the real end of the text.
/// </summary>
public sealed record ClipConfig(ClipImageOptions Image, int MaxTextLength, long PadTokenId)
{
    public const string PreprocessorFile = "preprocessor_config.json";
    public const string ModelConfigFile = "config.json";
    /// <summary>PIL's code for bicubic resampling, the value CLIP processors declare.</summary>
    private const int PilBicubic = 3;

    public static ClipConfig Load(string directory)
    {
        var image = ClipImageOptions.Default;
        var preprocessor = Path.Combine(directory, PreprocessorFile);
        if (File.Exists(preprocessor))
            using (var document = Parse(preprocessor))
                image = ReadImage(preprocessor, document.RootElement);
        var (maxLength, pad) = (77, 0L);
        var config = Path.Combine(directory, ModelConfigFile);
        if (File.Exists(config))
            using (var document = Parse(config))
            {
                var root = document.RootElement;
                var text = root.TryGetProperty("text_config", out var t) && t.ValueKind == JsonValueKind.Object ? t : root;
                maxLength = (int)(Number(config, text, "max_position_embeddings") ?? maxLength);
                pad = (long)(Number(config, text, "pad_token_id") ?? pad);
            }
        return new ClipConfig(image, maxLength, pad);
    }

    private static ClipImageOptions ReadImage(string file, JsonElement root)
    {
        foreach (var flag in new[] { "do_resize", "do_center_crop", "do_rescale", "do_normalize" })
            if (root.TryGetProperty(flag, out var value) && value.ValueKind == JsonValueKind.False)
                throw new InputException(file, $"{flag} false is not supported: the onnx-clip backend always resizes, crops, rescales and normalises", column: flag);
        if (Number(file, root, "resample") is { } resample && resample != PilBicubic)
            throw new InputException(file, $"resample {resample.ToString(CultureInfo.InvariantCulture)} is not supported; only 3 (bicubic) is", column: "resample");
        if (Number(file, root, "rescale_factor") is { } factor && Math.Abs(factor - 1.0 / 255) > 1e-9)
            throw new InputException(file, $"rescale_factor {factor.ToString(CultureInfo.InvariantCulture)} is not supported; only 1/255 is", column: "rescale_factor");

        var defaults = ClipImageOptions.Default;
        var (shortSide, resizeTo) = root.TryGetProperty("size", out var size) ? ReadSize(file, size) : (defaults.ShortSide, defaults.ResizeTo);
        var (cropHeight, cropWidth) = root.TryGetProperty("crop_size", out var crop) ? ReadCrop(file, crop) : (defaults.CropHeight, defaults.CropWidth);
        var smallest = resizeTo is { } exact ? Math.Min(exact.Height, exact.Width) : shortSide!.Value;
        if (resizeTo is null && Math.Max(cropHeight, cropWidth) > smallest || resizeTo is { } r && (cropHeight > r.Height || cropWidth > r.Width))
            throw new InputException(file, $"crop_size {cropHeight}x{cropWidth} is larger than the resized image", column: "crop_size");
        return new ClipImageOptions(shortSide, resizeTo, cropHeight, cropWidth,
            Triple(file, root, "image_mean") ?? defaults.Mean, Triple(file, root, "image_std") ?? defaults.Std);
    }

    private static (int? ShortSide, (int Height, int Width)? ResizeTo) ReadSize(string file, JsonElement size)
    {
        if (size.ValueKind == JsonValueKind.Number) return (Positive(file, size, "size"), null);
        if (size.ValueKind == JsonValueKind.Object && size.TryGetProperty("shortest_edge", out var edge)) return (Positive(file, edge, "size.shortest_edge"), null);
        if (size.ValueKind == JsonValueKind.Object && size.TryGetProperty("height", out var h) && size.TryGetProperty("width", out var w))
            return (null, (Positive(file, h, "size.height"), Positive(file, w, "size.width")));
        throw new InputException(file, "size must be a number, {\"shortest_edge\": N} or {\"height\": H, \"width\": W}", column: "size");
    }

    private static (int, int) ReadCrop(string file, JsonElement crop)
    {
        if (crop.ValueKind == JsonValueKind.Number) return (Positive(file, crop, "crop_size"), Positive(file, crop, "crop_size"));
        if (crop.ValueKind == JsonValueKind.Object && crop.TryGetProperty("height", out var h) && crop.TryGetProperty("width", out var w))
            return (Positive(file, h, "crop_size.height"), Positive(file, w, "crop_size.width"));
        throw new InputException(file, "crop_size must be a number or {\"height\": H, \"width\": W}", column: "crop_size");
    }

    private static IReadOnlyList<float>? Triple(string file, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3 || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw new InputException(file, $"{name} must be a list of 3 numbers (R, G, B)", column: name);
        var values = value.EnumerateArray().Select(v => v.GetSingle()).ToArray();
        if (name == "image_std" && values.Any(v => !(v > 0))) throw new InputException(file, "image_std values must be positive", column: name);
        return values;
    }

    private static int Positive(string file, JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
            ? n
            : throw new InputException(file, $"{name} must be a positive integer (got {value.GetRawText()})", column: name);

    private static double? Number(string file, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InputException(file, $"{name} must be a number (got {value.GetRawText()})", column: name);
    }

    private static JsonDocument Parse(string file)
    {
        try { return JsonDocument.Parse(File.ReadAllText(file)); }
        catch (JsonException e) { throw new InputException(file, $"is not valid JSON: {e.Message}"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException(file, $"cannot be read: {e.Message}"); }
    }
}
