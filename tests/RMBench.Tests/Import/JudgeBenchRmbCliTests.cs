using RMBench.Core.Data;
using RMBench.Core.Errors;
using static RMBench.Tests.Import.ImportTestFiles;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.Import;

/// <summary>`rmbench import --format judgebench|rmb` through the real CLI: counts, the written Parquet, exit code 3.</summary>
public class JudgeBenchRmbCliTests
{
    [Fact]
    public void Both_importers_are_registered_by_name()
    {
        var registry = RMBench.Core.Plugins.Registry<RMBench.Core.Import.IImporter>.Discover(i => i.Name, "import format");
        Assert.IsType<RMBench.Core.Import.JudgeBenchImporter>(registry.Get("judgebench", "--format"));
        Assert.IsType<RMBench.Core.Import.RmbImporter>(registry.Get("rmb", "--format"));
    }

    [Fact]
    public async Task Judgebench_import_writes_the_kept_pairs_and_lists_the_skipped_record()
    {
        var input = Write("judgebench.jsonl", JudgeBenchImporterTests.ValidFile());
        var output = Path.Combine(Path.GetDirectoryName(input)!, "jb.parquet");

        var result = await CliRunner.RunAsync("import", "--format", "judgebench", input, "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("imported 3 rows (pairwise)", result.Out);
        Assert.Contains("line 3: label 'A=B' is neither A>B nor B>A", result.Out);
        var dataset = await ParquetDatasetReader.ReadAsync(output, new RMBench.Core.Suites.Kinds.PairwiseKind().Schema);
        Assert.Equal(3, dataset.Rows.Count);
    }

    [Fact]
    public async Task Rmb_bon_import_writes_best_of_n_rows()
    {
        var input = Write("S1.json", "[" + RmbImporterTests.BonRecord("1", "I won't.", "Step 1", "Sure", "Ok") + "]");
        var output = Path.Combine(Path.GetDirectoryName(input)!, "rmb.parquet");

        var result = await CliRunner.RunAsync("import", "--format", "rmb", input, "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("imported 1 rows (best-of-n)", result.Out);
        var row = (await ParquetDatasetReader.ReadAsync(output, new RMBench.Core.Suites.Kinds.BestOfNKind().Schema)).Rows.Single();
        Assert.Equal(3, row.StringList("rejected").Count);
    }

    [Theory]
    [InlineData("judgebench", "judgebench.jsonl", "{\"question\": \"Q\", \"response_A\": \"A\", \"label\": \"A>B\"}\n", "'response_B'")]
    [InlineData("rmb", "S1.json", "[{\"conversation_input\": [{\"role\": \"user\", \"content\": \"q\"}], \"bon_best\": {\"answer\": \"b\"}, \"loser_list\": \"none\"}]", "'loser_list'")]
    [InlineData("rmb", "S2.json", "[{\"pair_uid\": 1, \"conversation_input\": \"q\", \"chosen\": {\"answer\": \"c\"}, \"reject\": {\"answer\": \"r\"}}]", "'conversation_input'")]
    public async Task A_malformed_upstream_file_exits_3_naming_file_record_and_field(string format, string name, string content, string field)
    {
        var input = Write(name, content);
        var output = Path.Combine(Path.GetDirectoryName(input)!, "out.parquet");

        var result = await CliRunner.RunAsync("import", "--format", format, input, "-o", output);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(input, result.Err);
        Assert.Contains(field, result.Err);
        Assert.Contains(format == "judgebench" ? "line 1" : "row 0", result.Err);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(File.Exists(output));
    }
}
