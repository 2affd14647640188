using RMBench.Core.Import;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

public class LlmBarImporterTests
{
    private readonly LlmBarImporter _importer = new();

    [SharedDataFact("llmbar")]
    public async Task The_directory_of_eight_upstream_files_gives_885_rows_with_per_subset_counts()
    {
        var result = await _importer.ImportAsync(TestPaths.Shared("llmbar"));

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(885, result.Rows.Count);
        Assert.Empty(result.Skipped);
        Assert.Equal(885, result.Rows.Select(r => r.Id).Distinct().Count());
        var counts = result.Rows.GroupBy(r => r.Subset).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["llmbar-adver-GPTInst"] = 92,
            ["llmbar-adver-GPTOut"] = 47,
            ["llmbar-adver-manual"] = 46,
            ["llmbar-adver-neighbor"] = 134,
            ["llmbar-natural"] = 100,
            ["llmbar-processed-faireval"] = 66,
            ["llmbar-processed-llmeval-2"] = 200,
            ["llmbar-processed-mt-bench"] = 200,
        }, counts);
        Assert.Contains("LLMBar_Natural.json -> llmbar-natural: 100 rows.", result.Notes);
        // One upstream pair has two identical outputs: kept, and reported.
        Assert.Contains(result.Notes, n => n.StartsWith("llmbar-processed-llmeval-2-57: output_1 and output_2 are identical", StringComparison.Ordinal));
    }

    [SharedDataTheory("llmbar")]
    [InlineData("LLMBar_Natural.json", "llmbar-natural", 100)]
    [InlineData("LLMBar_Adversarial_Neighbor.json", "llmbar-adver-neighbor", 134)]
    [InlineData("LLMBar_Adversarial_GPTInst.json", "llmbar-adver-GPTInst", 92)]
    [InlineData("LLMBar_Adversarial_GPTOut.json", "llmbar-adver-GPTOut", 47)]
    [InlineData("LLMBar_Adversarial_Manual.json", "llmbar-adver-manual", 46)]
    [InlineData("Processed_FairEval.json", "llmbar-processed-faireval", 66)]
    [InlineData("Processed_LLMEval_2.json", "llmbar-processed-llmeval-2", 200)]
    [InlineData("Processed_MT-Bench.json", "llmbar-processed-mt-bench", 200)]
    public async Task Each_upstream_file_converts_completely_under_its_subset(string file, string subset, int rows)
    {
        var result = await _importer.ImportAsync(TestPaths.Shared("llmbar", file));

        Assert.Equal(rows, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(subset, r.Subset));
        Assert.Equal($"{subset}-0", result.Rows[0].Id);
        Assert.Equal($"{subset}-{rows - 1}", result.Rows[^1].Id);
    }

    [SharedDataFact("llmbar")]
    public async Task Label_1_keeps_the_order_and_label_2_swaps_the_outputs()
    {
        var rows = (await _importer.ImportAsync(TestPaths.Shared("llmbar", "LLMBar_Natural.json"))).Rows;

        // index 0 has label 1: output_1 is chosen.
        Assert.StartsWith("Summarize the following content.\n\nMy girlfriend is Malaysian", rows[0].Prompt);
        Assert.StartsWith("My girlfriend's visa to stay in the UK expires", rows[0].Chosen.Single());
        Assert.StartsWith("My girlfriend is Malaysian and has been studying in the UK", rows[0].Rejected.Single());
        // index 4 has label 2: output_2 is chosen, output_1 rejected.
        Assert.Equal("llmbar-natural-4", rows[4].Id);
        Assert.StartsWith("Summarize the following content.\n\nMy bf only likes to talk to me through text.", rows[4].Prompt);
        Assert.StartsWith("My boyfriend only likes to text me for shallow conversation.", rows[4].Chosen.Single());
        Assert.StartsWith("Boyfriend only likes to talk through text.", rows[4].Rejected.Single());
        Assert.Empty(rows[4].Conversation);
        Assert.Null(rows[4].System);
    }

    [Fact]
    public async Task Texts_are_kept_exactly_including_whitespace()
    {
        var path = Write("LLMBar_Natural.json", """[{"input": " q \n", "output_1": "a ", "output_2": "\tb", "label": 2}]""");

        var row = (await _importer.ImportAsync(path)).Rows.Single();

        Assert.Equal((" q \n", "\tb", "a "), (row.Prompt, row.Chosen.Single(), row.Rejected.Single()));
    }

    [Theory]
    [InlineData("LLMBar_Natural.json", "llmbar-natural")]
    [InlineData("LLMBar_Adversarial_GPTInst.json", "llmbar-adver-GPTInst")]
    [InlineData("Processed_MT-Bench.json", "llmbar-processed-mt-bench")]
    [InlineData("LLMBar/Natural/dataset.json", "llmbar-natural")]
    [InlineData("LLMBar/Adversarial/Neighbor/dataset.json", "llmbar-adver-neighbor")]
    [InlineData("LLMBar/Adversarial/GPTOut/dataset.json", "llmbar-adver-GPTOut")]
    [InlineData("Processed/MT-Bench/dataset.json", "llmbar-processed-mt-bench")]
    [InlineData("my_extra_set.json", "llmbar-my-extra-set")]
    public void Subset_names_follow_the_documented_rule(string file, string subset) =>
        Assert.Equal(subset, LlmBarImporter.SubsetFor(Path.Combine("/data", file)));

    [Fact]
    public async Task The_upstream_folder_layout_imports_from_its_root()
    {
        var root = TestPaths.NewTempDirectory("rmbench-llmbar");
        const string record = """[{"input": "q", "output_1": "a", "output_2": "b", "label": 1}]""";
        foreach (var folder in new[] { "LLMBar/Natural", "LLMBar/Adversarial/Manual", "Processed/FairEval" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            File.WriteAllText(Path.Combine(root, folder, "dataset.json"), record);
        }

        var result = await _importer.ImportAsync(root);

        Assert.Equal(["llmbar-adver-manual-0", "llmbar-natural-0", "llmbar-processed-faireval-0"], result.Rows.Select(r => r.Id).Order().ToArray());
    }

    [Fact]
    public async Task Two_files_with_the_same_subset_are_invalid()
    {
        var root = TestPaths.NewTempDirectory("rmbench-llmbar");
        File.WriteAllText(Path.Combine(root, "LLMBar_Natural.json"), """[{"input": "q", "output_1": "a", "output_2": "b", "label": 1}]""");
        File.WriteAllText(Path.Combine(root, "natural.json"), """[{"input": "q", "output_1": "a", "output_2": "b", "label": 1}]""");

        await AssertInvalidAsync(_importer, root, "llmbar-natural");
    }

    [Theory]
    [InlineData("""[{"input": "q", "output_1": "a", "output_2": "b", "label": 1}, {"input": "q", "output_1": "a", "output_2": "b", "label": 3}]""", "row 1", "field 'label'", "must be 1 or 2")]
    [InlineData("""[{"input": "q", "output_1": "a", "output_2": "b", "label": "1"}]""", "row 0", "field 'label'", "expected an integer, found a string")]
    [InlineData("""[{"input": "q", "output_2": "b", "label": 1}]""", "row 0", "field 'output_1'", "missing required field")]
    [InlineData("""[{"input": 7, "output_1": "a", "output_2": "b", "label": 1}]""", "row 0", "field 'input'", "found the number 7")]
    [InlineData("""[{"input": "q"}, 5]""", "row 0", "field 'output_1'")]
    [InlineData("""[5]""", "row 0", "expected a JSON object")]
    [InlineData("""{"input": "q"}""", "expected a JSON array", "found an object")]
    [InlineData("""[]""", "holds no records")]
    [InlineData("""[{"input": "q",}]""", "not valid JSON (line 1")]
    [InlineData("[\n{\"input\": \"q\"\n", "not valid JSON (line 3")]
    [InlineData("", "the file is empty")]
    [InlineData("  \n", "the file is empty")]
    public async Task Malformed_files_are_invalid_input_naming_file_record_and_field(string content, params string[] fragments) =>
        await AssertInvalidAsync(_importer, Write("LLMBar_Natural.json", content), fragments);

    [Fact]
    public async Task Invalid_utf8_text_is_invalid_input_not_a_crash()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "LLMBar_Natural.json");
        var bytes = new List<byte>();
        bytes.AddRange("[{\"input\": \""u8.ToArray());
        bytes.AddRange(new byte[] { 0xFF, 0xFE });
        bytes.AddRange("\", \"output_1\": \"a\", \"output_2\": \"b\", \"label\": 1}]"u8.ToArray());
        File.WriteAllBytes(path, [.. bytes]);

        await AssertInvalidAsync(_importer, path, "row 0", "field 'input'", "not valid UTF-8");
    }

    [Fact]
    public async Task A_missing_path_or_an_empty_directory_is_invalid_input()
    {
        await AssertInvalidAsync(_importer, Path.Combine(TestPaths.NewTempDirectory(), "nope.json"), "no such file or directory");
        await AssertInvalidAsync(_importer, TestPaths.NewTempDirectory(), "no *.json files");
    }
}
