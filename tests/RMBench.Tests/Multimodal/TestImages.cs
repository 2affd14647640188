using RMBench.DataGen.Multimodal;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

/// <summary>Small real images for tests, drawn and encoded with SkiaSharp.</summary>
public static class TestImages
{
    /// <summary>A PNG whose pixels are given by <paramref name="colour"/>(x, y).</summary>
    public static byte[] Png(int width, int height, Func<int, int, SKColor> colour)
    {
        using var bitmap = Bitmap(width, height, colour);
        return ShapePainter.Encode(bitmap);
    }

    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> colour)
    {
        using var bitmap = Bitmap(width, height, colour);
        using var data = bitmap.PeekPixels().Encode(new SKJpegEncoderOptions(95))!;
        return data.ToArray();
    }

    public static byte[] Solid(int width, int height, SKColor colour) => Png(width, height, (_, _) => colour);

    private static SKBitmap Bitmap(int width, int height, Func<int, int, SKColor> colour)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colour(x, y));
        return bitmap;
    }
}
