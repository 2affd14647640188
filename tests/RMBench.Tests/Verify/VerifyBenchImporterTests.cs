using RMBench.Core.Data;
using RMBench.Core.Import;
using RMBench.Core.Suites.Kinds;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Verify;

public class VerifyBenchImporterTests
{
    private readonly VerifyBenchImporter _importer = new();

    private const string Record1 = """{"question": "What is 2+2?", "answer": "4", "completion": "2+2 = 4, so **4**.", "gold_correct": true, "answer_type": "numeric", "answer_subtype": "integer"}""";
    private const string Record2 = """{"question": "What is 2+2?", "answer": "4", "completion": "The answer is 5.", "gold_correct": 0, "answer_type": "numeric", "answer_subtype": "integer"}""";
    private const string Record3 = """{"question": "Pick one: (A) red (B) blue. The sky is?", "answer": "B", "completion": "(B)", "gold_correct": 1}""";

    [Fact]
    public async Task A_json_array_and_the_same_records_as_jsonl_import_alike()
    {
        var array = await _importer.ImportAsync(Write("verify_bench.json", $"[{Record1}, {Record2}, {Record3}]"));
        var lines = await _importer.ImportAsync(Write("verify_bench.jsonl", $"{Record1}\n{Record2}\n\n{Record3}\n"));

        Assert.Equal("verify", array.Kind);
        Assert.Equal(3, array.Rows.Count);
        Assert.Equal(array.Rows, lines.Rows);
        var first = array.Rows[0];
        Assert.Equal(("verify-bench-0", "verify-bench", "What is 2+2?", "4"), (first.Id, first.Subset, first.Prompt, first.Reference));
        Assert.Equal(("2+2 = 4, so **4**.", true, "numeric"), (first.Completion, first.Label, first.AnswerType));
        Assert.False(array.Rows[1].Label);
        Assert.True(array.Rows[2].Label);
        Assert.Null(array.Rows[2].AnswerType);
        Assert.Contains("answer_subtype counts: integer: 2; (none): 1", array.Notes);
    }

    [Fact]
    public async Task Imported_rows_write_a_file_that_reads_back_as_the_verify_kind()
    {
        var result = await _importer.ImportAsync(Write("vb.json", $"[{Record1}, {Record2}, {Record3}]"));
        var path = Path.Combine(TestPaths.NewTempDirectory(), "vb.parquet");

        await ParquetDatasetWriter.WriteAsync(path, result.Kind, result.Rows);
        var dataset = await ParquetDatasetReader.ReadAsync(path, new VerifyKind().Schema);

        Assert.Equal(3, dataset.Rows.Count);
        Assert.Equal("What is 2+2?", dataset.Rows[1].String("question"));
        Assert.Equal("The answer is 5.", dataset.Rows[1].String("completion"));
        Assert.False(dataset.Rows[1].Bool("label"));
        Assert.Equal("numeric", dataset.Rows[0].OptionalString("answer_type"));
        Assert.Null(dataset.Rows[2].OptionalString("answer_type"));
    }

    [Theory]
    [InlineData("bad.json", """[{"question": "q", "answer": "a", "completion": "c", "gold_correct": "yes"}]""", "row 0", "'gold_correct'")]
    [InlineData("bad.json", """[{"question": "q", "answer": "a", "gold_correct": true}]""", "row 0", "'completion'")]
    [InlineData("bad.jsonl", "{\"question\": \"q\", \"answer\": \"a\", \"completion\": \"c\", \"gold_correct\": true}\n{\"question\": 3, \"answer\": \"a\", \"completion\": \"c\", \"gold_correct\": true}\n", "line 2", "'question'")]
    [InlineData("bad.jsonl", "{\"question\": \"q\",\n", "line 1", "not valid JSON")]
    [InlineData("bad.json", "", "empty")]
    public async Task A_malformed_file_names_the_record_and_the_field(string name, string content, params string[] fragments)
    {
        await AssertInvalidAsync(_importer, Write(name, content), fragments);
    }

    [Fact]
    public async Task A_malformed_file_exits_with_code_3_from_the_cli()
    {
        var path = Write("bad.json", """[{"question": "q", "answer": "a", "completion": "c", "gold_correct": 2}]""");

        var result = await Cli.Cli.RunAsync("import", "--format", "verifybench", path, "-o", Path.Combine(TestPaths.NewTempDirectory(), "x.parquet"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'gold_correct'", result.Err);
        Assert.DoesNotContain("   at ", result.All);
    }
}
