using SkiaSharp;

namespace RMBench.Onnx.Clip;

/// <summary>An image that SkiaSharp cannot decode (it passed Core's structural check but not a full decode).</summary>
public sealed class ImageDecodeException(string message) : Exception(message);

/// <summary>
/// Turns PNG/JPEG bytes into CLIP <c>pixel_values</c> (channels-first float RGB) with SkiaSharp, following
/// Hugging Face's CLIPImageProcessor: decode, drop alpha (PIL's convert("RGB") keeps the colour values),
/// resize the short side to <see cref="ClipImageOptions.ShortSide"/> with the long side floored
/// (int(size * long / short)), center crop with top = (h - crop) / 2 and left = (w - crop) / 2 rounded
/// down, then (v / 255 - mean) / std per channel.
/// </summary>
/// <remarks>
/// Resampling is bicubic with Catmull-Rom weights (B = 0, C = 0.5): PIL's BICUBIC, which CLIP's
/// processors use (resample = 3), is the Keys cubic with a = -0.5, and that is exactly Catmull-Rom
/// (Mitchell, B = C = 1/3, would blur noticeably more). The residual difference from PIL: when
/// shrinking, PIL widens the kernel by the scale factor (area-aware antialiasing) while Skia samples the
/// cubic at the source scale, so downscaled images with fine detail differ by a few levels per pixel;
/// when enlarging, both compute the same kernel and differ only by 8-bit rounding (at most one level).
/// Colour profiles are ignored, as PIL does.
/// </remarks>
public sealed class ClipImagePreprocessor(ClipImageOptions options)
{
    public static readonly SKSamplingOptions Sampling = new(SKCubicResampler.CatmullRom);

    public ClipImageOptions Options { get; } = options;

    /// <summary>Floats per image: 3 x crop height x crop width.</summary>
    public int Length => 3 * Options.CropHeight * Options.CropWidth;

    /// <summary>Writes one image's pixel values into <paramref name="destination"/> (<see cref="Length"/> floats).</summary>
    /// <exception cref="ImageDecodeException">The bytes do not decode as an image.</exception>
    public void Write(byte[] encoded, Span<float> destination)
    {
        using var decoded = Decode(encoded);
        var (height, width) = ResizedSize(decoded.Height, decoded.Width);
        using var resized = decoded.Width == width && decoded.Height == height ? null : Resize(decoded, width, height);
        var source = resized ?? decoded;
        var (cropHeight, cropWidth) = (Options.CropHeight, Options.CropWidth);
        var (top, left) = ((height - cropHeight) / 2, (width - cropWidth) / 2);
        var pixels = source.GetPixelSpan();
        var plane = cropHeight * cropWidth;
        for (var y = 0; y < cropHeight; y++)
        {
            var row = pixels.Slice((top + y) * source.RowBytes + left * 4, cropWidth * 4);
            for (var x = 0; x < cropWidth; x++)
                for (var c = 0; c < 3; c++)
                    destination[c * plane + y * cropWidth + x] = (row[4 * x + c] / 255f - Options.Mean[c]) / Options.Std[c];
        }
    }

    /// <summary>The size after resizing, as (height, width).</summary>
    public (int Height, int Width) ResizedSize(int height, int width)
    {
        if (Options.ResizeTo is { } exact) return exact;
        var target = Options.ShortSide!.Value;
        return height <= width
            ? (target, (int)((long)target * width / height))
            : ((int)((long)target * height / width), target);
    }

    /// <summary>Decodes to 8-bit RGBA with the alpha channel ignored (opaque) and no colour-space conversion.</summary>
    private static SKBitmap Decode(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new ImageDecodeException("SkiaSharp does not recognise the image format");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // The codec writes unpremultiplied RGBA into a bitmap declared opaque (same layout): colour values
        // stay and alpha is ignored, as PIL's convert("RGB") does.
        var bitmap = new SKBitmap(info.WithAlphaType(SKAlphaType.Opaque));
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        throw new ImageDecodeException($"SkiaSharp cannot decode the image ({result})");
    }

    private static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var resized = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var target = resized.PeekPixels();
        if (!source.ScalePixels(target, Sampling))
        {
            resized.Dispose();
            throw new ImageDecodeException($"SkiaSharp cannot resize the image to {width}x{height}");
        }
        return resized;
    }
}
