using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites.Kinds;
using RMBench.Tests.Cli;
using RMBench.Tests.Data;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

public class ImageDatasetTests
{
    private static readonly byte[] Red = TestImages.Solid(8, 8, SKColors.Red);
    private static readonly byte[] Blue = TestImages.Solid(8, 8, SKColors.Blue);

    [Fact]
    public async Task Image_pair_rows_round_trip_through_the_writer_and_reader_byte_for_byte()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "image-pair",
        [
            new CanonicalRow { Id = "a", Subset = "s", Prompt = "a red square", ChosenImage = Red, RejectedImage = Blue },
            new CanonicalRow { Id = "b", Subset = "s", Prompt = "a blue square", ChosenImage = Blue, RejectedImage = Red },
        ]);

        var dataset = await ParquetDatasetReader.ReadAsync(path, new ImagePairKind().Schema);

        Assert.Equal(Red, dataset.Rows[0].Binary("chosen_image"));
        Assert.Equal(Blue, dataset.Rows[0].Binary("rejected_image"));
        Assert.Equal(Red, dataset.Rows[1].Binary("rejected_image"));
        Assert.DoesNotContain("chosen", dataset.Columns);
    }

    [Fact]
    public async Task Image_response_rows_carry_the_image_in_both_requests()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "answers.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "image-response",
            [new CanonicalRow { Id = "a", Subset = "s", Image = Red, Prompt = "What colour?", Chosen = ["Red."], Rejected = ["Blue."] }]);
        var kind = new ImageResponseKind();

        var row = (await ParquetDatasetReader.ReadAsync(path, kind.Schema)).Rows[0];
        var item = kind.ToItem(row, new RMBench.Core.Suites.SuiteContext("s", new RMBench.Core.Suites.SuiteManifest { Name = "s", Datasets = [] }));

        Assert.Equal(["chosen", "rejected"], item.Requests.Select(r => r.Role));
        Assert.All(item.Requests, r => Assert.Equal(Red, Assert.Single(r.Request.Images)));
        Assert.Equal("Red.", item.Requests[0].Request.Response);
    }

    [Fact]
    public async Task The_writer_refuses_an_undecodable_image()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "bad.parquet");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ParquetDatasetWriter.WriteAsync(path, "image-pair",
            [new CanonicalRow { Id = "a", Subset = "s", Prompt = "p", ChosenImage = Red, RejectedImage = Red[..40] }]));

        Assert.Contains("Row 'a': rejected_image is not a decodable image: PNG is truncated", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task The_reader_names_file_row_and_column_of_every_undecodable_image()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "damaged.parquet");
        await WriteRawPairsAsync(path, [Red, Red, [0xFF, 0xD8, 0xFF, 0xE0]], [Blue, Red[..30], Blue]);

        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, new ImagePairKind().Schema));

        Assert.Collection(error.Problems,
            p => Assert.Equal((path, 1L, "rejected_image"), (p.Source, p.Row!.Value, p.Column!)),
            p => Assert.Equal((path, 2L, "chosen_image"), (p.Source, p.Row!.Value, p.Column!)));
        Assert.StartsWith("is not a decodable image: PNG is truncated", error.Problems[0].Message);
        Assert.StartsWith("is not a decodable image: JPEG", error.Problems[1].Message);
    }

    [Fact]
    public async Task Running_a_file_with_an_undecodable_image_exits_3_naming_file_row_and_column()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "damaged.parquet");
        await WriteRawPairsAsync(path, [Red, Red], [Blue, [1, 2, 3]]);

        var run = await Cli.Cli.RunAsync("run", "--suite", path, "--model", "random", "--out", Path.Combine(dir, "out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{path}, row 1, column 'rejected_image': is not a decodable image: neither PNG nor JPEG (starts with bytes 010203", run.Err);
        Assert.DoesNotContain("   at ", run.All);
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")));
    }

    [Fact]
    public async Task An_ad_hoc_image_response_file_runs_as_image_response_not_as_pairwise()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "answers.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "image-response",
            [new CanonicalRow { Id = "a", Subset = "s", Image = Red, Prompt = "What colour?", Chosen = ["Red."], Rejected = ["Blue."] }]);

        var run = await Cli.Cli.RunAsync("run", "--suite", path, "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "50");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("unsupported by this model", run.Out);
    }

    /// <summary>An image-pair file written without the writer's checks, to hold damaged images.</summary>
    private static Task WriteRawPairsAsync(string path, byte[][] chosen, byte[][] rejected)
    {
        var ids = Enumerable.Range(0, chosen.Length).Select(i => (string?)$"item-{i}").ToArray();
        return TestParquet.WriteAsync(path,
            TestParquet.Strings("id", ids),
            TestParquet.Strings("subset", [.. ids.Select(_ => (string?)"s")]),
            TestParquet.Strings("prompt", [.. ids.Select(_ => (string?)"a red square")]),
            TestParquet.Binaries("chosen_image", chosen),
            TestParquet.Binaries("rejected_image", rejected));
    }
}
