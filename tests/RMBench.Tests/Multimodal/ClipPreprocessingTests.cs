using RMBench.Core.Errors;
using RMBench.Onnx.Clip;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

/// <summary>
/// CLIP preprocessing on tiny generated images whose output can be worked out by hand. Normalised values
/// are (v / 255 - mean) / std with CLIP's mean (0.48145466, 0.4578275, 0.40821073) and std (0.26862954,
/// 0.26130258, 0.27577711): red (255, 0, 0) gives (1.930336, -1.752097, -1.480220), blue (0, 0, 255)
/// gives (-1.792263, -1.752097, 2.145897).
/// </summary>
public class ClipPreprocessingTests
{
    private const int Side = 224;
    private static readonly ClipImagePreprocessor Clip = new(ClipImageOptions.Default);

    [Fact]
    public void A_wide_image_with_the_short_side_at_224_is_only_center_cropped()
    {
        // 448x224, red where x < 224, blue elsewhere: no resize; the crop starts at x = (448 - 224) / 2 = 112,
        // so output columns 0..111 are red and 112..223 blue.
        var pixels = Preprocess(TestImages.Png(448, 224, (x, _) => x < 224 ? SKColors.Red : SKColors.Blue));

        AssertPixel(pixels, 0, 0, [1.930336f, -1.752097f, -1.480220f]);
        AssertPixel(pixels, 111, 223, [1.930336f, -1.752097f, -1.480220f]);
        AssertPixel(pixels, 112, 0, [-1.792263f, -1.752097f, 2.145897f]);
        AssertPixel(pixels, 223, 223, [-1.792263f, -1.752097f, 2.145897f]);
    }

    [Fact]
    public void A_solid_image_keeps_its_colour_through_a_downscale_and_the_crop()
    {
        // 300 wide x 600 high -> 224 x int(224 * 600 / 300) = 448 high, cropped from row 112. Cubic weights
        // sum to one, so a constant image stays constant: (10, 120, 250) -> (-1.646278, 0.048835, 2.074797).
        var pixels = Preprocess(TestImages.Solid(300, 600, new SKColor(10, 120, 250)));

        foreach (var (x, y) in new[] { (0, 0), (100, 57), (223, 223) })
            AssertPixel(pixels, x, y, [-1.646278f, 0.048835f, 2.074797f]);
    }

    [Fact]
    public void Upscaling_uses_catmull_rom_cubic_weights_as_pil_bicubic_does()
    {
        // 112x112, white where x < 56, black elsewhere, doubled to 224. Output column x samples source
        // x / 2 - 0.25. Catmull-Rom weights w(d) = 1.5d^3 - 2.5d^2 + 1 (d < 1), -0.5d^3 + 2.5d^2 - 4d + 2 (1 <= d < 2):
        //   x = 110 (source 54.75): white weight w(1.75) + w(0.75) + w(0.25) = 1.0703 -> 255 (clamped)
        //   x = 111 (source 55.25): white weight w(1.25) + w(0.25) = -0.0703 + 0.8672 = 0.796875 -> 203.2 -> 203
        //   x = 112 (source 55.75): white weight w(1.75) + w(0.75) = -0.0234 + 0.2266 = 0.203125 -> 51.8 -> 52
        //   x = 113 (source 56.25): white weight w(1.25) = -0.0703 -> 0 (clamped)
        // Mitchell (B = C = 1/3) would give about 193 and 62 at x = 111 and 112.
        var pixels = Preprocess(TestImages.Png(112, 112, (x, _) => x < 56 ? SKColors.White : SKColors.Black));

        Assert.Equal([255, 203, 52, 0], new[] { 110, 111, 112, 113 }.Select(x => Level(pixels, x, 60)));
    }

    [Theory]
    [InlineData(480, 640, 224, 298)] // 224 * 640 / 480 = 298.67, floored as in CLIPImageProcessor
    [InlineData(640, 480, 298, 224)]
    [InlineData(100, 100, 224, 224)]
    public void The_short_side_goes_to_224_and_the_long_side_is_floored(int height, int width, int resizedHeight, int resizedWidth)
    {
        Assert.Equal((resizedHeight, resizedWidth), Clip.ResizedSize(height, width));
    }

    [Fact]
    public void A_jpeg_decodes_to_nearly_its_colour()
    {
        var pixels = Preprocess(TestImages.Jpeg(64, 64, (_, _) => new SKColor(10, 120, 250)));

        AssertPixel(pixels, 100, 100, [-1.646278f, 0.048835f, 2.074797f], tolerance: 4 / 255f / 0.26f);
    }

    [Fact]
    public void Bytes_that_do_not_decode_raise_a_decode_error()
    {
        Assert.Throws<ImageDecodeException>(() => Clip.Write([0x89, 0x50, 0x4E, 0x47, 1, 2, 3], new float[Clip.Length]));
    }

    [Fact]
    public void A_preprocessor_config_in_hugging_face_form_is_read()
    {
        var dir = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), """
            { "crop_size": {"height": 196, "width": 196}, "do_center_crop": true, "do_convert_rgb": true, "do_normalize": true,
              "do_rescale": true, "do_resize": true, "image_mean": [0.5, 0.5, 0.5], "image_processor_type": "CLIPImageProcessor",
              "image_std": [0.25, 0.25, 0.25], "resample": 3, "rescale_factor": 0.00392156862745098, "size": {"shortest_edge": 200} }
            """);
        File.WriteAllText(Path.Combine(dir, "config.json"), """{ "text_config": { "max_position_embeddings": 64, "pad_token_id": 1 } }""");

        var config = ClipConfig.Load(dir);

        Assert.Equal((200, 196, 196), (config.Image.ShortSide!.Value, config.Image.CropHeight, config.Image.CropWidth));
        Assert.Equal([0.5f, 0.5f, 0.5f], config.Image.Mean);
        Assert.Equal([0.25f, 0.25f, 0.25f], config.Image.Std);
        Assert.Equal((64, 1L), (config.MaxTextLength, config.PadTokenId));
    }

    [Fact]
    public void Without_config_files_the_clip_defaults_apply()
    {
        var config = ClipConfig.Load(TestPaths.NewTempDirectory());

        Assert.Equal(ClipImageOptions.Default, config.Image);
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], config.Image.Mean);
        Assert.Equal((77, 0L), (config.MaxTextLength, config.PadTokenId));
    }

    [Fact]
    public void A_resampling_filter_other_than_bicubic_is_refused_naming_the_field()
    {
        var dir = TestPaths.NewTempDirectory();
        var file = Path.Combine(dir, "preprocessor_config.json");
        File.WriteAllText(file, """{ "resample": 2 }""");

        var error = Assert.Throws<InputException>(() => ClipConfig.Load(dir));

        Assert.Equal((file, "resample"), (error.Problems[0].Source, error.Problems[0].Column!));
        Assert.Contains("only 3 (bicubic)", error.Message);
    }

    private static float[] Preprocess(byte[] image)
    {
        var pixels = new float[Clip.Length];
        Clip.Write(image, pixels);
        return pixels;
    }

    private static void AssertPixel(float[] pixels, int x, int y, float[] expected, float tolerance = 1e-5f)
    {
        for (var c = 0; c < 3; c++)
            Assert.True(Math.Abs(pixels[c * Side * Side + y * Side + x] - expected[c]) <= tolerance,
                $"pixel ({x}, {y}) channel {c}: {pixels[c * Side * Side + y * Side + x]} vs {expected[c]}");
    }

    /// <summary>The red channel back as an 8-bit level (inverts the normalisation).</summary>
    private static int Level(float[] pixels, int x, int y) =>
        (int)Math.Round((pixels[y * Side + x] * ClipImageOptions.ClipStd[0] + ClipImageOptions.ClipMean[0]) * 255);
}
