using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Import;

/// <summary>
/// Anthropic HH-RLHF: JSONL (optionally .jsonl.gz) of {chosen, rejected}, each a whole transcript
/// "\n\nHuman: ...\n\nAssistant: ...". Each transcript is split into turns; the final Assistant turn is
/// the response, the Human turn before it the prompt, every earlier turn goes in the conversation.
/// Ids are "&lt;subset&gt;-&lt;line&gt;" (1-based line).
/// <para>Splitting rule: a turn starts only at "\n\nHuman:" or "\n\nAssistant:" (blank line, then the
/// speaker and a colon); the one space after the colon is the separator and is removed, nothing else is
/// trimmed. "Human:" or "Assistant:" elsewhere (mid-line, or after a single newline) is text of the
/// current turn, as the format allows. A record is skipped, with its line and the reason, when a
/// transcript does not start with a Human turn, its turns do not alternate Human/Assistant (upstream
/// rows where a speaker marker lost its blank line merge two turns and leave two Assistant turns in a
/// row), it ends with a Human turn, its final Assistant turn is empty or whitespace, or chosen and
/// rejected differ anywhere before their final Assistant turns.</para>
/// <para>Subset: the file name without ".gz"/".jsonl"/".json" and without a "_test"/"_train" suffix
/// (harmless-base_test.jsonl -> harmless-base); in the upstream layout (harmless-base/test.jsonl.gz) the
/// folder name.</para>
/// </summary>
public sealed class HhRlhfImporter : IImporter
{
    private const string HumanMarker = "\n\nHuman:";
    private const string AssistantMarker = "\n\nAssistant:";

    public string Name => "hh-rlhf";
    public string Description => "Anthropic HH-RLHF JSONL (chosen/rejected transcripts) -> pairwise with conversation history";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var subset = SubsetFor(inputPath);
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var skipKinds = new List<string>();
        await foreach (var (record, at) in ImportJson.ReadLinesAsync(inputPath, cancellationToken))
        {
            var chosen = Split(ImportJson.String(record, "chosen", at));
            var rejected = Split(ImportJson.String(record, "rejected", at));
            var problem = (chosen.Problem, rejected.Problem) switch
            {
                ({ } c, { } r) => (c.Kind, $"chosen: {c.Detail}; rejected: {r.Detail}"),
                ({ } c, null) => (c.Kind, $"chosen: {c.Detail}"),
                (null, { } r) => (r.Kind, $"rejected: {r.Detail}"),
                _ => SharedHistoryProblem(chosen.Turns!, rejected.Turns!),
            };
            if (problem is ({ } kind, { } reason))
            {
                skipped.Add(new ImportSkip(at.Location, reason));
                skipKinds.Add(kind);
                continue;
            }
            var turns = chosen.Turns!;
            rows.Add(new CanonicalRow
            {
                Id = $"{subset}-{at.Line}",
                Subset = subset,
                Conversation = turns[..^2],
                Prompt = turns[^2].Content,
                Chosen = [turns[^1].Content],
                Rejected = [rejected.Turns![^1].Content],
            });
        }
        var notes = new List<string> { $"{rows.Count} records converted, {skipped.Count} skipped (subset '{subset}')." };
        if (skipped.Count > 0) notes.Add($"skipped by reason: {ImportJson.Counts(skipKinds)}.");
        return new ImportResult("pairwise", rows, skipped, notes);
    }

    private sealed record Problem(string Kind, string Detail);

    private sealed record Transcript(List<Turn>? Turns, Problem? Problem);

    /// <summary>Splits one transcript into turns (roles "user"/"assistant"), or says why it cannot be used.</summary>
    private static Transcript Split(string transcript)
    {
        if (!transcript.StartsWith(HumanMarker, StringComparison.Ordinal))
            return Fail("does not start with a Human turn", "does not start with \"\\n\\nHuman:\"");
        var turns = new List<Turn>();
        var position = 0;
        while (position < transcript.Length)
        {
            var human = string.CompareOrdinal(transcript, position, HumanMarker, 0, HumanMarker.Length) == 0;
            var start = position + (human ? HumanMarker.Length : AssistantMarker.Length);
            if (start < transcript.Length && transcript[start] == ' ') start++;
            var end = NextMarker(transcript, start);
            turns.Add(new Turn(human ? "user" : "assistant", transcript[start..end]));
            position = end;
        }
        for (var i = 0; i < turns.Count; i++)
        {
            var expected = i % 2 == 0 ? "user" : "assistant";
            if (turns[i].Role != expected)
                return Fail("turns do not alternate",
                    $"turn {i + 1} is a second {Speaker(turns[i].Role)} turn in a row (a speaker marker without a blank line before it?)");
        }
        if (turns[^1].Role != "assistant") return Fail("ends with a Human turn", "ends with a Human turn, not an Assistant turn");
        if (string.IsNullOrWhiteSpace(turns[^1].Content)) return Fail("empty final Assistant turn", "the final Assistant turn is empty");
        return new Transcript(turns, null);

        static Transcript Fail(string kind, string detail) => new(null, new Problem(kind, detail));
        static string Speaker(string role) => role == "user" ? "Human" : "Assistant";
    }

    private static int NextMarker(string transcript, int from)
    {
        var human = transcript.IndexOf(HumanMarker, from, StringComparison.Ordinal);
        var assistant = transcript.IndexOf(AssistantMarker, from, StringComparison.Ordinal);
        if (human < 0) return assistant < 0 ? transcript.Length : assistant;
        return assistant < 0 ? human : Math.Min(human, assistant);
    }

    private static (string? Kind, string? Reason) SharedHistoryProblem(List<Turn> chosen, List<Turn> rejected)
    {
        const string kind = "chosen and rejected differ before the final turn";
        if (chosen.Count != rejected.Count)
            return (kind, $"chosen has {chosen.Count} turns and rejected {rejected.Count}; they must differ only in the final Assistant turn");
        for (var i = 0; i < chosen.Count - 1; i++)
            if (chosen[i] != rejected[i])
                return (kind, $"chosen and rejected differ at turn {i + 1}; they must differ only in the final Assistant turn");
        return (null, null);
    }

    /// <summary>The subset name for an HH-RLHF file (see the class summary for the rule).</summary>
    public static string SubsetFor(string filePath)
    {
        var name = Path.GetFileName(filePath);
        foreach (var extension in (string[])[".gz", ".jsonl", ".json"])
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) name = name[..^extension.Length];
        foreach (var split in (string[])["_test", "_train"])
            if (name.EndsWith(split, StringComparison.OrdinalIgnoreCase) && name.Length > split.Length) name = name[..^split.Length];
        if (name.Equals("test", StringComparison.OrdinalIgnoreCase) || name.Equals("train", StringComparison.OrdinalIgnoreCase))
            name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(filePath))) ?? name;
        return name;
    }
}
