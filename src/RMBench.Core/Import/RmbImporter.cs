using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Requests;

namespace RMBench.Core.Import;

/// <summary>
/// RMB (Zhou-Zoey/RMB-Reward-Model-Benchmark, RMB_dataset/): JSON arrays, one file per scenario; the input is
/// one file or a directory (every *.json below it, in ordinal path order). Two layouts, one per import:
/// <list type="bullet">
/// <item>Pairwise_set: {pair_uid, conversation_input, chosen: {llm_name, answer}, reject: {llm_name, answer},
/// category_path} -> pairwise (chosen/rejected_model from llm_name).</item>
/// <item>BoN_set: {bon_uid, conversation_input, bon_best: {llm_name, answer}, loser_list: [{llm_name, answer}],
/// category_path} -> best-of-n with one chosen (bon_best) and the losers as rejected.</item>
/// </list>
/// conversation_input is a list of {role, content} turns (other keys such as language are ignored): an optional
/// leading "system" turn becomes the system prompt, the last turn must be "user" and becomes the prompt, the
/// turns between (user/assistant) the conversation. The layout is taken from the first record (bon_best
/// present: BoN); a record of the other layout is invalid, so import Pairwise_set and BoN_set separately.
/// Subset = category_path without its first segment ("Pairwise_set/Harmlessness/S1" -> "Harmlessness/S1"),
/// or the file name without extension when category_path is absent. Id = pair_uid / bon_uid (string or
/// integer), or "&lt;subset&gt;-&lt;index&gt;" (0-based index in the file) when absent; duplicate ids are invalid.
/// Other fields (scores, language) are ignored. Texts are kept as they are.
/// </summary>
public sealed class RmbImporter : IImporter
{
    public string Name => "rmb";
    public string Description => "RMB benchmark JSON (Pairwise_set -> pairwise, BoN_set with bon_best/loser_list -> best-of-n); a file or a directory";

    private enum Layout { Pairwise, BestOfN }

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var files = ImportJson.JsonFiles(inputPath);
        Layout? layout = null;
        RecordRef first = default;
        var rows = new List<CanonicalRow>();
        var recordOfId = new Dictionary<string, RecordRef>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var document = await ImportJson.ReadArrayAsync(file, cancellationToken);
            foreach (var (record, at) in ImportJson.Records(document, file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var recordLayout = record.TryGetProperty("bon_best", out _) ? Layout.BestOfN : Layout.Pairwise;
                if (layout is null) (layout, first) = (recordLayout, at);
                else if (layout != recordLayout)
                    throw at.Error($"this record is {Describe(recordLayout)} but {first.File}, {first.Location} is {Describe(layout.Value)}; "
                                   + "import Pairwise_set and BoN_set separately.", recordLayout == Layout.BestOfN ? "bon_best" : "chosen");
                var row = recordLayout == Layout.BestOfN ? BestOfN(record, at, file) : Pairwise(record, at, file);
                if (!recordOfId.TryAdd(row.Id, at))
                    throw at.Error($"duplicate id '{row.Id}' (also at {recordOfId[row.Id].File}, {recordOfId[row.Id].Location}).",
                        recordLayout == Layout.BestOfN ? "bon_uid" : "pair_uid");
                rows.Add(row);
            }
        }
        var kind = layout == Layout.BestOfN ? "best-of-n" : "pairwise";
        var notes = new List<string>
        {
            $"{rows.Count} {Describe(layout!.Value)} records from {files.Count} file(s); subsets: {ImportJson.Counts(rows.Select(r => r.Subset))}.",
        };
        return new ImportResult(kind, rows, [], notes);

        static string Describe(Layout l) => l == Layout.BestOfN ? "BoN (bon_best + loser_list)" : "pairwise (chosen + reject)";
    }

    private static CanonicalRow Pairwise(JsonElement record, RecordRef at, string file)
    {
        var (system, turns, prompt) = Conversation(record, at);
        var chosen = Answer(ImportJson.Required(record, "chosen", at), "chosen", at);
        var rejected = Answer(ImportJson.Required(record, "reject", at), "reject", at);
        var subset = Subset(record, at, file);
        return new CanonicalRow
        {
            Id = ImportJson.OptionalId(record, "pair_uid", at) ?? $"{subset}-{at.Index}",
            Subset = subset,
            System = system,
            Conversation = turns,
            Prompt = prompt,
            Chosen = [chosen.Text],
            Rejected = [rejected.Text],
            ChosenModel = chosen.Model,
            RejectedModel = rejected.Model,
        };
    }

    private static CanonicalRow BestOfN(JsonElement record, RecordRef at, string file)
    {
        var (system, turns, prompt) = Conversation(record, at);
        var best = Answer(ImportJson.Required(record, "bon_best", at), "bon_best", at);
        var losers = ImportJson.Required(record, "loser_list", at);
        if (losers.ValueKind != JsonValueKind.Array)
            throw at.Error($"expected a list of answers, found {ImportJson.Describe(losers)}.", "loser_list");
        if (losers.GetArrayLength() == 0) throw at.Error("must hold at least one answer, found an empty list.", "loser_list");
        var rejected = losers.EnumerateArray().Select((loser, i) => Answer(loser, $"loser_list[{i}]", at).Text).ToList();
        var subset = Subset(record, at, file);
        return new CanonicalRow
        {
            Id = ImportJson.OptionalId(record, "bon_uid", at) ?? $"{subset}-{at.Index}",
            Subset = subset,
            System = system,
            Conversation = turns,
            Prompt = prompt,
            Chosen = [best.Text],
            Rejected = rejected,
        };
    }

    /// <summary>An answer object {answer, llm_name?}.</summary>
    private static (string Text, string? Model) Answer(JsonElement value, string field, RecordRef at)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw at.Error($"expected an answer object {{llm_name, answer}}, found {ImportJson.Describe(value)}.", field);
        if (!value.TryGetProperty("answer", out var answer)) throw at.Error("missing required field 'answer'.", $"{field}.answer");
        return (ImportJson.AsString(answer, $"{field}.answer", at), ImportJson.OptionalString(value, "llm_name", at));
    }

    /// <summary>conversation_input -> (system, turns before the prompt, prompt).</summary>
    private static (string? System, IReadOnlyList<Turn> Turns, string Prompt) Conversation(JsonElement record, RecordRef at)
    {
        const string field = "conversation_input";
        var value = ImportJson.Required(record, field, at);
        if (value.ValueKind != JsonValueKind.Array)
            throw at.Error($"expected a list of {{role, content}} turns, found {ImportJson.Describe(value)}.", field);
        var turns = new List<Turn>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            var where = $"{field}[{turns.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw at.Error($"expected a {{role, content}} turn, found {ImportJson.Describe(item)}.", where);
            turns.Add(new Turn(ImportJson.String(item, "role", at), ImportJson.String(item, "content", at)));
        }
        if (turns.Count == 0) throw at.Error("the conversation holds no turn.", field);
        string? system = null;
        if (turns[0].Role == "system")
        {
            system = turns[0].Content;
            turns.RemoveAt(0);
        }
        if (turns.Count == 0 || turns[^1].Role != "user")
            throw at.Error($"the last turn must be a user turn (the prompt), found {(turns.Count == 0 ? "only a system turn" : $"role '{turns[^1].Role}'")}.", field);
        for (var i = 0; i < turns.Count - 1; i++)
            if (turns[i].Role is not ("user" or "assistant"))
                throw at.Error($"role must be user or assistant (system only first), found '{turns[i].Role}'.", $"{field}[{i + (system is null ? 0 : 1)}].role");
        return (system, turns[..^1], turns[^1].Content);
    }

    private static string Subset(JsonElement record, RecordRef at, string file)
    {
        var path = ImportJson.OptionalString(record, "category_path", at);
        if (string.IsNullOrWhiteSpace(path)) return Path.GetFileNameWithoutExtension(file);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < path.Length - 1 ? path[(slash + 1)..] : path;
    }
}
