using RMBench.Core.Import;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

public class PandaLmImporterTests
{
    private readonly PandaLmImporter _importer = new();

    private static string Record(string response1, string response2, int a1, int a2, int a3, string input = "") =>
        $$"""{"instruction": "Do it.", "input": "{{input}}", "response1": {{response1}}, "response2": {{response2}}, "annotator1": {{a1}}, "annotator2": {{a2}}, "annotator3": {{a3}}}""";

    [SharedDataFact("pandalm")]
    public async Task The_test_set_keeps_888_majority_preferences_and_drops_111_with_reasons()
    {
        var result = await _importer.ImportAsync(TestPaths.Shared("pandalm", "testset-v1.json"));

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(888, result.Rows.Count);
        Assert.Equal(111, result.Skipped.Count);
        Assert.Equal(105, result.Skipped.Count(s => s.Reason.StartsWith("majority tie: votes ", StringComparison.Ordinal)));
        Assert.Equal(0, result.Skipped.Count(s => s.Reason.StartsWith("no majority", StringComparison.Ordinal)));
        // Six responses are the JSON boolean true upstream (where a model answered "True"): their text is unknown.
        Assert.Equal(
            [
                ("index 157", "response1 is the JSON boolean true, not text"),
                ("index 158", "response1 is the JSON boolean true, not text"),
                ("index 159", "response1 is the JSON boolean true, not text"),
                ("index 161", "response2 is the JSON boolean true, not text"),
                ("index 162", "response2 is the JSON boolean true, not text"),
                ("index 164", "response1 is the JSON boolean true, not text"),
            ],
            result.Skipped.Where(s => s.Reason.Contains("boolean", StringComparison.Ordinal)).Select(s => (s.Location, s.Reason)));
        Assert.Equal("majority tie: votes 0,0,0", result.Skipped.Single(s => s.Location == "index 91").Reason);
        Assert.Equal("majority tie: votes 2,0,0", result.Skipped.Single(s => s.Location == "index 208").Reason);
        Assert.Equal(
            [
                "kept 888 records with a majority preference; dropped 111.",
                "dropped by reason: majority tie: 105; response is not text: 6.",
                "52 kept records have an empty response (kept as they are).",
            ],
            result.Notes);
        Assert.All(result.Rows, r => Assert.Equal("pandalm", r.Subset));
        Assert.Equal(888, result.Rows.Select(r => r.Id).Distinct().Count());
    }

    [SharedDataFact("pandalm")]
    public async Task The_majority_side_is_chosen_and_the_prompt_joins_instruction_and_input()
    {
        var rows = (await _importer.ImportAsync(TestPaths.Shared("pandalm", "testset-v1.json"))).Rows;

        // index 0: votes 2,2,2 -> response2 chosen; cmp_key bloom-7b_llama-7b names the models.
        var first = rows.Single(r => r.Id == "pandalm-0");
        Assert.StartsWith("The sentence you are given might be too wordy, complicated, or unclear.", first.Prompt);
        Assert.EndsWith("eliminate unnecessary words.\n\nIf you have any questions about my rate or if you find it necessary to increase or decrease the scope for this project, please let me know.", first.Prompt);
        Assert.Equal("If you have any questions, please let me know.", first.Chosen.Single());
        Assert.Equal("If you have any questions about my rate, please let me know.", first.Rejected.Single());
        Assert.Equal(("llama-7b", "bloom-7b"), (first.ChosenModel, first.RejectedModel));
        // index 1: votes 1,1,1 -> response1 chosen; cmp_key bloom-7b_opt-7b.
        Assert.Equal(("bloom-7b", "opt-7b"), (rows.Single(r => r.Id == "pandalm-1").ChosenModel, rows.Single(r => r.Id == "pandalm-1").RejectedModel));
        // index 4 has an empty input: the prompt is the instruction alone.
        Assert.Equal("Come up with some search queries on google about coding stuff.", rows.Single(r => r.Id == "pandalm-4").Prompt);
    }

    [Fact]
    public async Task Votes_decide_by_majority_and_ties_or_splits_are_dropped()
    {
        var path = Write("pandalm.json", "[" + string.Join(",",
            Record("\"A\"", "\"B\"", 1, 2, 1, input: "ctx"),
            Record("\"A\"", "\"B\"", 0, 2, 2),
            Record("\"A\"", "\"B\"", 1, 2, 0),
            Record("\"A\"", "\"B\"", 1, 0, 0),
            Record("\"\"", "\"B\"", 2, 2, 2)) + "]");

        var result = await _importer.ImportAsync(path);

        Assert.Equal(
            [("pandalm-0", "Do it.\n\nctx", "A", "B"), ("pandalm-1", "Do it.", "B", "A"), ("pandalm-4", "Do it.", "B", "")],
            result.Rows.Select(r => (r.Id, r.Prompt, r.Chosen.Single(), r.Rejected.Single())));
        Assert.Equal([("index 2", "no majority: votes 1,2,0"), ("index 3", "majority tie: votes 1,0,0")],
            result.Skipped.Select(s => (s.Location, s.Reason)));
        Assert.Contains("dropped by reason: majority tie: 1; no majority: 1.", result.Notes);
        Assert.All(result.Rows, r => Assert.Null(r.ChosenModel));
    }

    [Theory]
    [InlineData(3, "row 0", "field 'annotator2'", "must be 0 (tie), 1 (response1 better) or 2 (response2 better), found 3")]
    [InlineData(-1, "row 0", "field 'annotator2'", "found -1")]
    public async Task A_vote_outside_0_1_2_is_invalid(int vote, params string[] fragments) =>
        await AssertInvalidAsync(_importer, Write("pandalm.json", $"[{Record("\"A\"", "\"B\"", 1, vote, 1)}]"), fragments);

    [Theory]
    [InlineData("""[{"instruction": "i", "input": "", "response1": 5, "response2": "b", "annotator1": 1, "annotator2": 1, "annotator3": 1}]""", "row 0", "field 'response1'", "found the number 5")]
    [InlineData("""[{"instruction": "i", "input": "", "response1": "a", "response2": null, "annotator1": 1, "annotator2": 1, "annotator3": 1}]""", "row 0", "field 'response2'", "found null")]
    [InlineData("""[{"instruction": "i", "response1": "a", "response2": "b", "annotator1": 1, "annotator2": 1, "annotator3": 1}]""", "row 0", "field 'input'", "missing required field")]
    [InlineData("""[{"instruction": "i", "input": "", "response1": "a", "response2": "b", "annotator1": 1, "annotator2": 1}]""", "row 0", "field 'annotator3'")]
    [InlineData("""[{"instruction": "i", "input": "", "response1": "a", "response2": "b", "annotator1": 1.5, "annotator2": 1, "annotator3": 1}]""", "row 0", "field 'annotator1'", "expected an integer")]
    [InlineData("""{"not": "an array"}""", "expected a JSON array")]
    [InlineData("""nope""", "not valid JSON (line 1, byte 2)")]
    [InlineData("", "the file is empty")]
    public async Task Malformed_files_are_invalid_input_naming_file_record_and_field(string content, params string[] fragments) =>
        await AssertInvalidAsync(_importer, Write("pandalm.json", content), fragments);

    [Fact]
    public async Task A_missing_file_is_invalid_input() =>
        await AssertInvalidAsync(_importer, Path.Combine(TestPaths.NewTempDirectory(), "testset-v1.json"), "file not found");
}
