using RMBench.Core.Import;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

/// <summary>JudgeBench's data/*.jsonl layout (ScalerLab/JudgeBench), written small by the tests.</summary>
public class JudgeBenchImporterTests
{
    private readonly JudgeBenchImporter _importer = new();

    internal static string Record(string pairId, string source, string question, string a, string b, string label) =>
        $$"""{"pair_id": "{{pairId}}", "original_id": 17, "source": "{{source}}", "question": "{{question}}", "response_model": "gpt-4o-2024-05-13", "response_A": "{{a}}", "response_B": "{{b}}", "label": "{{label}}"}""";

    internal static string ValidFile() => string.Join("\n",
        Record("p-1", "mmlu-pro-law", "Q1?", "A1", "B1", "A>B"),
        Record("p-2", "livebench-math", "Q2?", "A2", "B2", "B>A"),
        Record("p-3", "livebench-math", "Q3?", "A3", "B3", "A=B"),
        """{"question": "Q4?", "response_A": "A4", "response_B": "B4", "label": "B>A"}""") + "\n";

    [Fact]
    public async Task Labels_pick_the_chosen_side_and_other_labels_are_reported_as_skipped()
    {
        var result = await _importer.ImportAsync(Write("judgebench.jsonl", ValidFile()));

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(3, result.Rows.Count);
        var (first, second, last) = (result.Rows[0], result.Rows[1], result.Rows[2]);
        Assert.Equal(("p-1", "mmlu-pro-law", "Q1?", "A1", "B1"), (first.Id, first.Subset, first.Prompt, first.Chosen.Single(), first.Rejected.Single()));
        Assert.Equal(("p-2", "livebench-math", "B2", "A2"), (second.Id, second.Subset, second.Chosen.Single(), second.Rejected.Single()));
        Assert.Equal(("gpt-4o-2024-05-13", "gpt-4o-2024-05-13"), (first.ChosenModel, first.RejectedModel));
        // No pair_id / source: the record index (0-based, counting the skipped one) and the default subset.
        Assert.Equal(("judgebench-3", "judgebench", "B4"), (last.Id, last.Subset, last.Chosen.Single()));
        var skip = Assert.Single(result.Skipped);
        Assert.Equal(("line 3", "label 'A=B' is neither A>B nor B>A"), (skip.Location, skip.Reason));
    }

    [Fact]
    public async Task A_json_array_of_the_same_records_imports_the_same_rows()
    {
        var lines = ValidFile().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fromArray = await _importer.ImportAsync(Write("judgebench.json", "[" + string.Join(",", lines) + "]"));
        var fromLines = await _importer.ImportAsync(Write("judgebench.jsonl", ValidFile()));
        Assert.Equal(fromLines.Rows.Select(r => (r.Id, r.Chosen[0])), fromArray.Rows.Select(r => (r.Id, r.Chosen[0])));
        Assert.Equal("index 2", Assert.Single(fromArray.Skipped).Location);
    }

    [Theory]
    [InlineData("""{"question": "Q", "response_A": "A", "label": "A>B"}""", "'response_B'")]
    [InlineData("""{"question": "Q", "response_A": "A", "response_B": "B", "label": 1}""", "'label'")]
    [InlineData("""{"question": ["Q"], "response_A": "A", "response_B": "B", "label": "A>B"}""", "'question'")]
    [InlineData("""{"pair_id": "", "question": "Q", "response_A": "A", "response_B": "B", "label": "A>B"}""", "'pair_id'")]
    public async Task A_malformed_record_is_invalid_input_naming_line_and_field(string badLine, string field)
    {
        var path = Write("judgebench.jsonl", Record("ok", "s", "Q", "A", "B", "A>B") + "\n" + badLine + "\n");
        await AssertInvalidAsync(_importer, path, "line 2", field);
    }

    [Fact]
    public async Task Duplicate_pair_ids_are_invalid()
    {
        var path = Write("judgebench.jsonl", Record("same", "s", "Q", "A", "B", "A>B") + "\n" + Record("same", "s", "Q2", "A", "B", "B>A") + "\n");
        await AssertInvalidAsync(_importer, path, "line 2", "duplicate id 'same'", "line 1");
    }

    [Fact]
    public async Task A_file_where_every_label_is_skipped_is_invalid()
    {
        var path = Write("judgebench.jsonl", Record("t", "s", "Q", "A", "B", "A=B") + "\n");
        await AssertInvalidAsync(_importer, path, "no record has label A>B or B>A");
    }
}
