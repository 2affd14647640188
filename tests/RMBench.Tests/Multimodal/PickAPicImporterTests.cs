using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Import;
using RMBench.Core.Suites.Kinds;
using RMBench.Tests.Data;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

/// <summary>
/// The pick-a-pic importer on files in Pick-a-Pic's Hugging Face Parquet layout (caption, jpg_0, jpg_1,
/// label_0, label_1, model_0, model_1, ranking_id, plus columns the importer ignores), written here
/// with real JPEG images since no upstream file is bundled.
/// </summary>
public class PickAPicImporterTests
{
    private static readonly byte[] Cat = TestImages.Jpeg(24, 16, (x, _) => new SKColor((byte)(x * 10), 90, 40));
    private static readonly byte[] Dog = TestImages.Jpeg(16, 24, (_, y) => new SKColor(20, (byte)(y * 10), 200));

    [Fact]
    public async Task Preferences_become_image_pair_rows_and_ties_are_skipped_with_their_reason()
    {
        var path = await WriteAsync([1.0, 0.0, 0.5], [Cat, Cat, Cat], [Dog, Dog, Dog]);

        var result = await new PickAPicImporter().ImportAsync(path, CancellationToken.None);

        Assert.Equal("image-pair", result.Kind);
        Assert.Equal(["1000", "1001"], result.Rows.Select(r => r.Id));
        Assert.Equal([Cat, Dog], [result.Rows[0].ChosenImage!, result.Rows[0].RejectedImage!]);
        Assert.Equal([Dog, Cat], [result.Rows[1].ChosenImage!, result.Rows[1].RejectedImage!]);
        Assert.Equal(["sdxl", "sd15"], result.Rows.Select(r => r.ChosenModel));
        Assert.Equal("a cat and a dog 1", result.Rows[1].Prompt);
        Assert.Equal(new ImportSkip("row 2", "tie (label_0 0.5): neither image is preferred"), Assert.Single(result.Skipped));
    }

    [Fact]
    public async Task The_cli_imports_a_file_that_then_runs_as_an_image_pair_suite()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = await WriteAsync([1.0, 0.0, 1.0], [Cat, Cat, Dog], [Dog, Dog, Cat]);
        var output = Path.Combine(dir, "pairs.parquet");

        var import = await Cli.Cli.RunAsync("import", "--format", "pick-a-pic", path, "-o", output);
        var run = await Cli.Cli.RunAsync("run", "--suite", output, "--model", "random", "--out", Path.Combine(dir, "out"), "--bootstrap", "50");

        Assert.True(import.ExitCode == 0, import.All);
        Assert.Contains("imported 3 rows (image-pair)", import.Out);
        Assert.Equal(3, (await ParquetDatasetReader.ReadAsync(output, new ImagePairKind().Schema)).Rows.Count);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("(3 items, 0 ties, 0 invalid)", run.Out);
    }

    [Fact]
    public async Task A_damaged_image_or_a_bad_label_is_invalid_input_naming_row_and_column()
    {
        var path = await WriteAsync([1.0, 0.7], [Cat, Cat], [Dog[..^10], Dog]);

        var import = await Cli.Cli.RunAsync("import", "--format", "pick-a-pic", path, "-o", Path.Combine(TestPaths.NewTempDirectory(), "x.parquet"));

        Assert.Equal(ExitCodes.InvalidInput, import.ExitCode);
        Assert.True(import.Err.Contains($"{path}, row 0, column 'jpg_1': is not a decodable image: JPEG is truncated inside the image data", StringComparison.Ordinal), import.Err);
        var badLabel = await WriteAsync([0.7], [Cat], [Dog]);
        var error = await Assert.ThrowsAsync<InputException>(() => new PickAPicImporter().ImportAsync(badLabel, CancellationToken.None));
        Assert.Equal(("label_0 is 0.7; expected 0, 0.5 or 1", 0L, "label_0"), (error.Problems[0].Message, error.Problems[0].Row!.Value, error.Problems[0].Column!));
    }

    [Fact]
    public async Task A_file_without_the_image_columns_names_them()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "text.parquet");
        await TestParquet.WriteAsync(path, TestParquet.Strings("caption", "x"), TestParquet.Doubles("label_0", 1.0));

        var error = await Assert.ThrowsAsync<InputException>(() => new PickAPicImporter().ImportAsync(path, CancellationToken.None));

        Assert.Equal(["jpg_0", "jpg_1"], error.Problems.Select(p => p.Column));
    }

    private static async Task<string> WriteAsync(double[] labels, byte[][] first, byte[][] second)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "pickapic.parquet");
        var n = labels.Length;
        await TestParquet.WriteAsync(path,
            TestParquet.Strings("caption", [.. Enumerable.Range(0, n).Select(i => (string?)$"a cat and a dog {i}")]),
            TestParquet.Binaries("jpg_0", first),
            TestParquet.Binaries("jpg_1", second),
            TestParquet.Doubles("label_0", labels),
            TestParquet.Doubles("label_1", [.. labels.Select(l => 1 - l)]),
            TestParquet.Strings("model_0", [.. Enumerable.Repeat((string?)"sdxl", n)]),
            TestParquet.Strings("model_1", [.. Enumerable.Repeat((string?)"sd15", n)]),
            TestParquet.Longs("ranking_id", [.. Enumerable.Range(0, n).Select(i => 1000L + i)]),
            TestParquet.Strings("user_id", [.. Enumerable.Repeat((string?)"u1", n)]));
        return path;
    }
}
