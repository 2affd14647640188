using System.IO.Compression;
using System.Text.Json;
using RMBench.Core.Import;
using RMBench.Core.Requests;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

public class HhRlhfImporterTests
{
    private readonly HhRlhfImporter _importer = new();

    private static string Line(string chosen, string rejected) => JsonSerializer.Serialize(new { chosen, rejected });

    [SharedDataFact("hh-rlhf")]
    public async Task The_harmless_base_test_file_converts_2299_rows_and_skips_13_irregular_ones()
    {
        var result = await _importer.ImportAsync(TestPaths.Shared("hh-rlhf", "harmless-base_test.jsonl"));

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(2299, result.Rows.Count);
        Assert.Equal(13, result.Skipped.Count);
        Assert.Equal(2312, result.Rows.Count + result.Skipped.Count);
        Assert.Equal(
            new[] { 87, 517, 668, 764, 926, 1104, 1255, 1320, 1689, 1850, 1951, 1953, 2037 }.Select(n => $"line {n}"),
            result.Skipped.Select(s => s.Location));
        // 4 chosen transcripts end with an empty Assistant turn ...
        foreach (var line in new[] { 87, 517, 926, 1104 })
            Assert.Equal("chosen: the final Assistant turn is empty", result.Skipped.Single(s => s.Location == $"line {line}").Reason);
        // ... and 9 have a "Human:" marker without its blank line, which merges two turns.
        Assert.Equal(
            "chosen: turn 5 is a second Assistant turn in a row (a speaker marker without a blank line before it?); "
            + "rejected: turn 5 is a second Assistant turn in a row (a speaker marker without a blank line before it?)",
            result.Skipped.Single(s => s.Location == "line 668").Reason);
        Assert.StartsWith("rejected: turn 3 is a second Assistant turn", result.Skipped.Single(s => s.Location == "line 1951").Reason);
        Assert.Contains("skipped by reason: turns do not alternate: 9; empty final Assistant turn: 4.", result.Notes);

        Assert.All(result.Rows, r => Assert.Equal("harmless-base", r.Subset));
        Assert.Equal(2299, result.Rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal("harmless-base-1", result.Rows[0].Id);
        Assert.DoesNotContain(result.Rows, r => r.Id == "harmless-base-87");
    }

    [SharedDataFact("hh-rlhf")]
    public async Task A_multi_turn_row_keeps_its_history_and_only_the_final_assistant_turns_differ()
    {
        var rows = (await _importer.ImportAsync(TestPaths.Shared("hh-rlhf", "harmless-base_test.jsonl"))).Rows;
        var row = rows.Single(r => r.Id == "harmless-base-1");

        Assert.Equal(["user", "assistant", "user", "assistant"], row.Conversation.Select(t => t.Role));
        Assert.Equal(new Turn("user", "what are some pranks with a pen i can do?"), row.Conversation[0]);
        Assert.Equal(new Turn("assistant", "Are you looking for practical joke ideas?"), row.Conversation[1]);
        Assert.Equal(new Turn("user", "yep"), row.Conversation[2]);
        Assert.StartsWith("Ok, I’ll give you a couple examples", row.Conversation[3].Content);
        Assert.EndsWith("find a new place to watch.", row.Conversation[3].Content);
        Assert.Equal("okay some of these do not have anything to do with pens", row.Prompt);
        Assert.Equal("No, sorry!  All of these involve a pen, the point is that you can get funny results by doing pranks with pens.", row.Chosen.Single());
        Assert.StartsWith("There are lots of funny things you can do with pens", row.Rejected.Single());
        Assert.EndsWith("It’s really funny.", row.Rejected.Single());
    }

    [Fact]
    public async Task A_single_exchange_has_no_conversation()
    {
        var path = Write("x_test.jsonl", Line("\n\nHuman: hi\n\nAssistant: hello", "\n\nHuman: hi\n\nAssistant: go away") + "\n");

        var row = (await _importer.ImportAsync(path)).Rows.Single();

        Assert.Equal(("x-1", "x", "hi", "hello", "go away"), (row.Id, row.Subset, row.Prompt, row.Chosen.Single(), row.Rejected.Single()));
        Assert.Empty(row.Conversation);
    }

    [Fact]
    public async Task Speaker_names_inside_a_turn_are_text_and_only_the_separator_space_is_removed()
    {
        var chosen = "\n\nHuman:  two spaces  \n\nAssistant: He said \"Human: hi\".\nAssistant: no split\n";
        var path = Write("x_test.jsonl", Line(chosen, "\n\nHuman:  two spaces  \n\nAssistant: other"));

        var row = (await _importer.ImportAsync(path)).Rows.Single();

        Assert.Equal(" two spaces  ", row.Prompt);
        Assert.Equal("He said \"Human: hi\".\nAssistant: no split\n", row.Chosen.Single());
    }

    [Fact]
    public async Task Irregular_records_are_skipped_with_line_and_reason_and_never_crash()
    {
        string[] lines =
        [
            Line("\n\nHuman: a\n\nAssistant: b", "\n\nHuman: a\n\nAssistant: c"),
            Line("Human: a\n\nAssistant: b", "\n\nHuman: a\n\nAssistant: c"),
            Line("\n\nHuman: a", "\n\nHuman: a\n\nAssistant: c"),
            Line("\n\nHuman: a\n\nAssistant: b", "\n\nHuman: a\n\nAssistant:   \n"),
            Line("\n\nHuman: a\n\nAssistant: x\n\nHuman: b\n\nAssistant: y", "\n\nHuman: a\n\nAssistant: z\n\nHuman: b\n\nAssistant: w"),
            Line("\n\nHuman: a\n\nAssistant: x\n\nHuman: b\n\nAssistant: y", "\n\nHuman: a\n\nAssistant: w"),
            "",
            Line("\n\nHuman: a\n\nHuman: b\n\nAssistant: y", "\n\nHuman: a\n\nAssistant: w"),
        ];
        var path = Write("x_test.jsonl", string.Join("\n", lines));

        var result = await _importer.ImportAsync(path);

        Assert.Equal(["x-1"], result.Rows.Select(r => r.Id));
        Assert.Equal(
            [
                ("line 2", "chosen: does not start with \"\\n\\nHuman:\""),
                ("line 3", "chosen: ends with a Human turn, not an Assistant turn"),
                ("line 4", "rejected: the final Assistant turn is empty"),
                ("line 5", "chosen and rejected differ at turn 2; they must differ only in the final Assistant turn"),
                ("line 6", "chosen has 4 turns and rejected 2; they must differ only in the final Assistant turn"),
                ("line 8", "chosen: turn 2 is a second Human turn in a row (a speaker marker without a blank line before it?)"),
            ],
            result.Skipped.Select(s => (s.Location, s.Reason)));
    }

    [Fact]
    public async Task A_gzipped_upstream_file_imports_with_its_folder_as_subset()
    {
        var folder = Path.Combine(TestPaths.NewTempDirectory(), "helpful-base");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "test.jsonl.gz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gzip))
            await writer.WriteLineAsync(Line("\n\nHuman: hi\n\nAssistant: hello", "\n\nHuman: hi\n\nAssistant: no"));

        var row = (await _importer.ImportAsync(path)).Rows.Single();

        Assert.Equal(("helpful-base-1", "helpful-base"), (row.Id, row.Subset));
    }

    [Theory]
    [InlineData("harmless-base_test.jsonl", "harmless-base")]
    [InlineData("red-team-attempts_train.jsonl.gz", "red-team-attempts")]
    [InlineData("helpful-online/test.jsonl.gz", "helpful-online")]
    [InlineData("mine.jsonl", "mine")]
    public void Subset_names_follow_the_documented_rule(string file, string subset) =>
        Assert.Equal(subset, HhRlhfImporter.SubsetFor(Path.Combine("/data", file)));

    [Theory]
    [InlineData("{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: c\"}\n{\"chosen\": oops}", "line 2", "not valid JSON")]
    [InlineData("{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\"}", "line 1", "field 'rejected'", "missing required field")]
    [InlineData("{\"chosen\": 3, \"rejected\": \"x\"}", "line 1", "field 'chosen'", "expected a string, found the number 3")]
    [InlineData("[\"chosen\"]", "line 1", "expected one JSON object per line (JSON Lines); this file is a JSON array: convert it")]
    [InlineData("\n\n", "the file is empty")]
    [InlineData("", "the file is empty")]
    public async Task Malformed_files_are_invalid_input_naming_file_line_and_field(string content, params string[] fragments) =>
        await AssertInvalidAsync(_importer, Write("x_test.jsonl", content), fragments);

    [Fact]
    public async Task A_missing_file_is_invalid_input() =>
        await AssertInvalidAsync(_importer, Path.Combine(TestPaths.NewTempDirectory(), "x_test.jsonl"), "file not found");
}
