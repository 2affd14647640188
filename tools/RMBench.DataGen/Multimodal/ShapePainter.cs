using SkiaSharp;

namespace RMBench.DataGen.Multimodal;

public enum Shape
{
    Circle,
    Square,
    Triangle,
}

/// <summary>A named fill colour; the names are the words prompts and answers use.</summary>
public sealed record NamedColour(string Name, byte R, byte G, byte B)
{
    public static readonly IReadOnlyList<NamedColour> All =
    [
        new("red", 220, 30, 30),
        new("green", 30, 160, 60),
        new("blue", 30, 60, 220),
        new("yellow", 240, 200, 0),
        new("purple", 130, 40, 170),
    ];

    public SKColor ToSkia() => new(R, G, B);
}

/// <summary>One shape to paint: its centre and size (half-width or radius) in pixels.</summary>
public sealed record ShapeSpec(Shape Shape, NamedColour Colour, float X, float Y, float Size);

/// <summary>
/// Paints flat shapes on a white square canvas with SkiaSharp and encodes the result as PNG with fixed
/// encoder options (all filters, zlib level 9), so the same shapes always give the same bytes.
/// </summary>
public static class ShapePainter
{
    public const int Side = 128;

    public static byte[] Png(IEnumerable<ShapeSpec> shapes, int width = Side, int height = Side)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            foreach (var shape in shapes) Paint(canvas, shape);
        }
        return Encode(bitmap);
    }

    /// <summary>PNG bytes of a bitmap with the fixed encoder options.</summary>
    public static byte[] Encode(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG");
        return data.ToArray();
    }

    private static void Paint(SKCanvas canvas, ShapeSpec shape)
    {
        using var paint = new SKPaint { Color = shape.Colour.ToSkia(), IsAntialias = true, Style = SKPaintStyle.Fill };
        var (x, y, s) = (shape.X, shape.Y, shape.Size);
        switch (shape.Shape)
        {
            case Shape.Circle:
                canvas.DrawCircle(x, y, s, paint);
                break;
            case Shape.Square:
                canvas.DrawRect(x - s, y - s, 2 * s, 2 * s, paint);
                break;
            case Shape.Triangle:
                using (var builder = new SKPathBuilder())
                {
                    builder.MoveTo(x, y - s);
                    builder.LineTo(x + s, y + s);
                    builder.LineTo(x - s, y + s);
                    builder.Close();
                    using var path = builder.Detach();
                    canvas.DrawPath(path, paint);
                }
                break;
        }
    }
}
