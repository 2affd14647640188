using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;
using RMBench.Core.Import;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

public class RewardBenchImporterTests
{
    private readonly RewardBenchImporter _importer = new();

    private const string V1Array = """
        [
          {"prompt": "p0", "chosen": "c0", "rejected": "r0", "chosen_model": "gpt-4", "rejected_model": "llama", "subset": "alpacaeval-easy", "id": 30},
          {"prompt": "p1", "chosen": "c1", "rejected": "r1", "subset": "xstest-should-refuse", "id": "x-7", "extra": [1, 2]},
          {"prompt": "p2", "chosen": "c2", "rejected": "r2", "subset": "hep-go"},
          {"prompt": "p3", "chosen": "c3", "rejected": "r3", "subset": "hep-go", "id": null}
        ]
        """;

    [Fact]
    public async Task V1_json_array_rows_are_pairwise_with_string_or_integer_or_generated_ids()
    {
        var result = await _importer.ImportAsync(Write("rb.json", V1Array));

        Assert.Equal("pairwise", result.Kind);
        Assert.Empty(result.Skipped);
        Assert.Equal(["30", "x-7", "hep-go-2", "hep-go-3"], result.Rows.Select(r => r.Id));
        Assert.Equal(["alpacaeval-easy", "xstest-should-refuse", "hep-go", "hep-go"], result.Rows.Select(r => r.Subset));
        var first = result.Rows[0];
        Assert.Equal(("p0", "c0", "r0", "gpt-4", "llama"), (first.Prompt, first.Chosen.Single(), first.Rejected.Single(), first.ChosenModel, first.RejectedModel));
        Assert.Null(result.Rows[1].ChosenModel);
        Assert.Contains("2 rows had no id and got '<subset>-<index>'.", result.Notes);
        Assert.Contains("4 RewardBench v1 (string answers) rows; subsets: hep-go: 2; alpacaeval-easy: 1; xstest-should-refuse: 1.", result.Notes);
    }

    [Fact]
    public async Task V1_jsonl_rows_use_the_record_index_for_generated_ids_and_name_lines_in_errors()
    {
        var path = Write("rb.jsonl", """
            {"prompt": "p0", "chosen": "c0", "rejected": "r0", "subset": "math-prm"}

            {"prompt": "p1", "chosen": "c1", "rejected": "r1", "subset": "math-prm", "id": 12}
            """);

        var result = await _importer.ImportAsync(path);

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(["math-prm-0", "12"], result.Rows.Select(r => r.Id));

        var bad = Write("rb.jsonl", """
            {"prompt": "p0", "chosen": "c0", "rejected": "r0", "subset": "math-prm"}
            {"prompt": "p1", "chosen": "c1", "rejected": false, "subset": "math-prm"}
            """);
        var error = await AssertInvalidAsync(_importer, bad, "line 2", "field 'rejected'", "found the boolean false");
        Assert.DoesNotContain("row", error.Message);
    }

    [Fact]
    public async Task RewardBench_2_list_rows_are_best_of_n()
    {
        var path = Write("rb2.json", """
            [
              {"id": "a1", "prompt": "p", "chosen": ["good"], "rejected": ["bad1", "bad2", "bad3"], "subset": "Factuality", "num_correct": 1, "num_incorrect": 3, "total_completions": 4, "models": ["m1", "m2"]},
              {"id": "a2", "prompt": "q", "chosen": ["t1", "t2"], "rejected": ["u"], "subset": "Ties", "num_correct": 2}
            ]
            """);

        var result = await _importer.ImportAsync(path);

        Assert.Equal("best-of-n", result.Kind);
        Assert.Equal(["a1", "a2"], result.Rows.Select(r => r.Id));
        Assert.Equal(["bad1", "bad2", "bad3"], result.Rows[0].Rejected);
        Assert.Equal(["t1", "t2"], result.Rows[1].Chosen);
    }

    [Theory]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s"}, {"prompt": "p", "chosen": ["c"], "rejected": ["r"], "subset": "s"}]""",
        "row 1", "field 'chosen'", "mixes RewardBench versions")]
    [InlineData("""[{"prompt": "p", "chosen": ["c"], "rejected": "r", "subset": "s"}]""", "row 0", "field 'rejected'", "both be strings")]
    [InlineData("""[{"prompt": "p", "chosen": [], "rejected": ["r"], "subset": "s"}]""", "row 0", "field 'chosen'", "at least one answer")]
    [InlineData("""[{"prompt": "p", "chosen": ["c", 3], "rejected": ["r"], "subset": "s"}]""", "row 0", "field 'chosen'", "item 1 is the number 3")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s", "id": 1}, {"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s", "id": "1"}]""",
        "row 1", "field 'id'", "duplicate id '1' (also at index 0)")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s", "id": 1.5}]""", "row 0", "field 'id'", "non-empty string or an integer")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s", "id": ""}]""", "row 0", "field 'id'", "an empty string")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r"}]""", "row 0", "field 'subset'", "missing required field")]
    [InlineData("""[{"prompt": null, "chosen": "c", "rejected": "r", "subset": "s"}]""", "row 0", "field 'prompt'", "found null")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s", "chosen_model": 4}]""", "row 0", "field 'chosen_model'")]
    [InlineData("""[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s"}""", "not valid JSON")]
    public async Task Malformed_json_is_invalid_input_naming_file_record_and_field(string content, params string[] fragments) =>
        await AssertInvalidAsync(_importer, Write("rb.json", content), fragments);

    [Fact]
    public async Task The_format_comes_from_the_extension()
    {
        await AssertInvalidAsync(_importer, Write("rb.csv", "prompt,chosen\n"), "unsupported extension '.csv'");
        await AssertInvalidAsync(_importer, Path.Combine(TestPaths.NewTempDirectory(), "rb.json"), "file not found");
    }

    [Fact]
    public async Task V1_parquet_with_integer_ids_is_read_column_by_column()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "rb.parquet");
        var id = new DataField<long>("id");
        var prompt = new DataField<string>("prompt");
        var chosen = new DataField<string>("chosen");
        var rejected = new DataField<string>("rejected");
        var subset = new DataField<string>("subset");
        var chosenModel = new DataField<string>("chosen_model");
        var unused = new DataField<int>("num_tokens");
        await WriteParquetAsync(path, new ParquetSchema(prompt, chosen, chosenModel, rejected, subset, id, unused), async group =>
        {
            await group.WriteAsync(prompt, ["p0", "p1"], null);
            await group.WriteAsync(chosen, ["c0", ""], null);
            await group.WriteAsync(chosenModel, ["m0", null!], null);
            await group.WriteAsync(rejected, ["r0", "r1"], null);
            await group.WriteAsync(subset, ["s", "s"], null);
            await group.WriteAsync<long>(id, new long[] { 7, 8 }.AsMemory(), null, null, CancellationToken.None);
            await group.WriteAsync<int>(unused, new[] { 1, 2 }.AsMemory(), null, null, CancellationToken.None);
        });

        var result = await _importer.ImportAsync(path);

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(
            [("7", "s", "p0", "c0", "r0", "m0"), ("8", "s", "p1", "", "r1", null)],
            result.Rows.Select(r => (r.Id, r.Subset, r.Prompt, r.Chosen.Single(), r.Rejected.Single(), r.ChosenModel)));
    }

    [Fact]
    public async Task RewardBench_2_parquet_lists_across_row_groups_are_best_of_n()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "rb2.parquet");
        var id = new DataField<string>("id");
        var prompt = new DataField<string>("prompt");
        var chosen = new ListField("chosen", new DataField<string>("element"));
        var rejected = new ListField("rejected", new DataField<string>("element"));
        var subset = new DataField<string>("subset");
        var schema = new ParquetSchema(id, prompt, chosen, rejected, subset);
        await WriteParquetAsync(path, schema,
            async group =>
            {
                await group.WriteAsync(id, ["a", "b"], null);
                await group.WriteAsync(prompt, ["p", "q"], null);
                await group.WriteAsync((DataField)chosen.Item, ["c1", "c2", "c3"], new[] { 0, 1, 0 });
                await group.WriteAsync((DataField)rejected.Item, ["r1", "r2", "r3", "r4"], new[] { 0, 1, 1, 0 });
                await group.WriteAsync(subset, ["Math", "Focus"], null);
            },
            async group =>
            {
                await group.WriteAsync(id, ["c"], null);
                await group.WriteAsync(prompt, ["z"], null);
                await group.WriteAsync((DataField)chosen.Item, ["only"], new[] { 0 });
                await group.WriteAsync((DataField)rejected.Item, ["x", "y"], new[] { 0, 1 });
                await group.WriteAsync(subset, ["Ties"], null);
            });

        var result = await _importer.ImportAsync(path);

        Assert.Equal("best-of-n", result.Kind);
        Assert.Equal(["a", "b", "c"], result.Rows.Select(r => r.Id));
        Assert.Equal(["c1", "c2"], result.Rows[0].Chosen);
        Assert.Equal(["r1", "r2", "r3"], result.Rows[0].Rejected);
        Assert.Equal(["c3"], result.Rows[1].Chosen);
        Assert.Equal(["r4"], result.Rows[1].Rejected);
        Assert.Equal(["only"], result.Rows[2].Chosen);
        Assert.Equal(["x", "y"], result.Rows[2].Rejected);
        Assert.Equal("Ties", result.Rows[2].Subset);
    }

    [Fact]
    public async Task Parquet_problems_are_invalid_input_naming_file_row_and_column()
    {
        var dir = TestPaths.NewTempDirectory();

        // Missing and mistyped columns are all reported at once.
        var missing = Path.Combine(dir, "missing.parquet");
        var prompt = new DataField<int>("prompt");
        var chosen = new DataField<string>("chosen");
        await WriteParquetAsync(missing, new ParquetSchema(prompt, chosen), async group =>
        {
            await group.WriteAsync<int>(prompt, new[] { 1 }.AsMemory(), null, null, CancellationToken.None);
            await group.WriteAsync(chosen, ["c"], null);
        });
        var error = await AssertInvalidAsync(_importer, missing, "column 'rejected'", "column 'subset'", "column 'prompt'", "expected a string column");
        Assert.Equal(3, error.Problems.Count);

        // A null in a required column names its row.
        var nulls = Path.Combine(dir, "nulls.parquet");
        var fields = new[] { "prompt", "chosen", "rejected", "subset" }.Select(n => new DataField<string>(n)).ToArray();
        await WriteParquetAsync(nulls, new ParquetSchema(fields), async group =>
        {
            foreach (var field in fields)
                await group.WriteAsync(field, field.Name == "rejected" ? ["r", null!] : ["x", "y"], null);
        });
        await AssertInvalidAsync(_importer, nulls, "row 1", "column 'rejected'", "is null");

        // Mixed versions: list chosen with string rejected.
        var mixed = Path.Combine(dir, "mixed.parquet");
        var list = new ListField("chosen", new DataField<string>("element"));
        var others = new[] { "prompt", "rejected", "subset" }.Select(n => new DataField<string>(n)).ToArray();
        await WriteParquetAsync(mixed, new ParquetSchema([list, .. others]), async group =>
        {
            await group.WriteAsync((DataField)list.Item, ["a"], new[] { 0 });
            foreach (var field in others) await group.WriteAsync(field, ["x"], null);
        });
        await AssertInvalidAsync(_importer, mixed, "row 0", "column 'rejected'", "both be strings");

        // A truncated file (its footer cut off), not Parquet at all, and an empty file.
        var truncated = Path.Combine(dir, "truncated.parquet");
        var bytes = await File.ReadAllBytesAsync(nulls);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        await AssertInvalidAsync(_importer, truncated, "not a readable Parquet file");
        await AssertInvalidAsync(_importer, Write("junk.parquet", "this is not parquet"), "not a readable Parquet file");
        await AssertInvalidAsync(_importer, Write("empty.parquet", ""), "not a readable Parquet file");
    }

    private static async Task WriteParquetAsync(string path, ParquetSchema schema, params Func<ParquetRowGroupWriter, Task>[] groups)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        foreach (var writeGroup in groups)
        {
            using var group = writer.CreateRowGroup();
            await writeGroup(group);
        }
    }
}
