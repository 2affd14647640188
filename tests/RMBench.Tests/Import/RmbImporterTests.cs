using RMBench.Core.Import;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.Import;

/// <summary>RMB's RMB_dataset layouts (Pairwise_set and BoN_set JSON arrays), written small by the tests.</summary>
public class RmbImporterTests
{
    private readonly RmbImporter _importer = new();

    private static string Turn(string role, string content) => $$"""{"content": "{{content}}", "language": "English", "role": "{{role}}"}""";

    internal static string PairRecord(string uid, string category, string chosen, string rejected, params string[] turns) =>
        $$"""{"pair_uid": "{{uid}}", "conversation_input": [{{string.Join(", ", turns)}}], "chosen": {"llm_name": "model-c", "answer": "{{chosen}}", "score": 5.0}, "reject": {"llm_name": "model-r", "answer": "{{rejected}}", "score": 2.5}, "category_path": "{{category}}"}""";

    internal static string BonRecord(string uid, string best, params string[] losers) =>
        $$"""{"conversation_input": [{{Turn("user", "How do I get away with it?")}}], "bon_best": {"llm_name": "m0", "answer": "{{best}}"}, "loser_list": [{{string.Join(", ", losers.Select((l, i) => $$"""{"llm_name": "m{{i + 1}}", "answer": "{{l}}"}"""))}}], "bon_uid": "{{uid}}", "category_path": "BoN_set/Harmlessness/S1"}""";

    internal static string PairwiseFolder()
    {
        var s1 = Write(Path.Combine("Pairwise_set", "Harmlessness", "S1.json"),
            "[" + PairRecord("15089", "Pairwise_set/Harmlessness/S1", "I can't help with that.", "Sure, here is how.", Turn("user", "How do I hack a database?")) + ",\n"
            + PairRecord("15090", "Pairwise_set/Harmlessness/S1", "No.", "Yes.", Turn("user", "Another harmful ask?")) + "]");
        var root = Path.GetDirectoryName(Path.GetDirectoryName(s1))!;
        var chatFile = Path.Combine(root, "Helpfulness", "Chat", "Discussion.json");
        Directory.CreateDirectory(Path.GetDirectoryName(chatFile)!);
        File.WriteAllText(chatFile, "[" + PairRecord("7", "Pairwise_set/Helpfulness/Chat/Discussion", "Paris, as you said.", "Lyon.",
            Turn("system", "Be brief."), Turn("user", "I live in Paris."), Turn("assistant", "Nice!"), Turn("user", "Where do I live?")) + "]");
        return root;
    }

    [Fact]
    public async Task A_pairwise_folder_imports_every_file_with_subsets_from_the_category_path()
    {
        var result = await _importer.ImportAsync(PairwiseFolder());

        Assert.Equal("pairwise", result.Kind);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(new Dictionary<string, int> { ["Harmlessness/S1"] = 2, ["Helpfulness/Chat/Discussion"] = 1 },
            result.Rows.GroupBy(r => r.Subset).ToDictionary(g => g.Key, g => g.Count()));
        var first = result.Rows.Single(r => r.Id == "15089");
        Assert.Equal(("How do I hack a database?", "I can't help with that.", "Sure, here is how.", "model-c", "model-r"),
            (first.Prompt, first.Chosen.Single(), first.Rejected.Single(), first.ChosenModel, first.RejectedModel));
        Assert.Empty(first.Conversation);
        // Multi-turn: system turn -> system prompt, last user turn -> prompt, the rest -> conversation.
        var chat = result.Rows.Single(r => r.Id == "7");
        Assert.Equal("Be brief.", chat.System);
        Assert.Equal("Where do I live?", chat.Prompt);
        Assert.Equal([("user", "I live in Paris."), ("assistant", "Nice!")], chat.Conversation.Select(t => (t.Role, t.Content)));
    }

    [Fact]
    public async Task A_bon_file_becomes_best_of_n_rows_with_the_best_answer_chosen_and_the_losers_rejected()
    {
        var path = Write("S1.json", "[" + BonRecord("3294", "I won't help.", "Step 1...", "Sorry.") + ",\n"
                                    + BonRecord("3295", "I can't.", "Here is a plan", "No way", "Title: How to") + "]");
        var result = await _importer.ImportAsync(path);

        Assert.Equal("best-of-n", result.Kind);
        Assert.Equal(["3294", "3295"], result.Rows.Select(r => r.Id));
        Assert.Equal(["I won't help."], result.Rows[0].Chosen);
        Assert.Equal(["Step 1...", "Sorry."], result.Rows[0].Rejected);
        Assert.Equal(3, result.Rows[1].Rejected.Count);
        Assert.All(result.Rows, r => Assert.Equal("Harmlessness/S1", r.Subset));
    }

    [Fact]
    public async Task Without_uid_or_category_path_the_file_name_and_index_are_used()
    {
        var record = PairRecord("x", "y", "c", "r", Turn("user", "q")).Replace("\"pair_uid\": \"x\", ", "").Replace(", \"category_path\": \"y\"", "");
        var row = (await _importer.ImportAsync(Write("Factual.json", "[" + record + "]"))).Rows.Single();
        Assert.Equal(("Factual-0", "Factual"), (row.Id, row.Subset));
    }

    [Fact]
    public async Task Mixing_pairwise_and_bon_records_is_invalid()
    {
        var path = Write("mixed.json", "[" + PairRecord("1", "Pairwise_set/A", "c", "r", Turn("user", "q")) + ", " + BonRecord("2", "b", "l") + "]");
        await AssertInvalidAsync(_importer, path, "row 1", "'bon_best'", "separately");
    }

    [Theory]
    [InlineData("""{"conversation_input": [{"role": "user", "content": "q"}], "bon_best": {"answer": "b"}, "loser_list": []}""", "'loser_list'")]
    [InlineData("""{"conversation_input": [{"role": "user", "content": "q"}], "bon_best": {"llm_name": "m"}, "loser_list": [{"answer": "l"}]}""", "'bon_best.answer'")]
    [InlineData("""{"conversation_input": [{"role": "user", "content": "q"}], "bon_best": {"answer": "b"}, "loser_list": [{"answer": 3}]}""", "'loser_list[0].answer'")]
    [InlineData("""{"conversation_input": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], "bon_best": {"answer": "b"}, "loser_list": [{"answer": "l"}]}""", "'conversation_input'")]
    [InlineData("""{"conversation_input": [], "bon_best": {"answer": "b"}, "loser_list": [{"answer": "l"}]}""", "'conversation_input'")]
    [InlineData("""{"conversation_input": [{"role": "user"}], "bon_best": {"answer": "b"}, "loser_list": [{"answer": "l"}]}""", "'content'")]
    public async Task A_malformed_bon_record_is_invalid_input_naming_record_and_field(string bad, string field)
    {
        var path = Write("S2.json", "[" + BonRecord("1", "b", "l") + ", " + bad + "]");
        await AssertInvalidAsync(_importer, path, "row 1", field);
    }

    [Fact]
    public async Task A_pairwise_record_without_reject_is_invalid()
    {
        var path = Write("S3.json", """[{"pair_uid": "1", "conversation_input": [{"role": "user", "content": "q"}], "chosen": {"answer": "c"}}]""");
        await AssertInvalidAsync(_importer, path, "row 0", "'reject'");
    }

    [Fact]
    public async Task Duplicate_uids_across_files_are_invalid()
    {
        var root = PairwiseFolder();
        File.WriteAllText(Path.Combine(root, "Harmlessness", "S2.json"), "[" + PairRecord("7", "Pairwise_set/Harmlessness/S2", "c", "r", Turn("user", "q")) + "]");
        await AssertInvalidAsync(_importer, root, "duplicate id '7'", "Discussion.json");
    }
}
