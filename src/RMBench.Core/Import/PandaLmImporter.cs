using System.Text.Json;
using RMBench.Core.Data;

namespace RMBench.Core.Import;

/// <summary>
/// PandaLM test set (WeOpenML/PandaLM data/testset-v1.json): a JSON array of {instruction, input,
/// response1, response2, annotator1..3} with votes 0 = tie, 1 = response1 better, 2 = response2 better.
/// Prompt = instruction, then a blank line and the input when the input is not empty or whitespace.
/// A record is kept when at least 2 of the 3 votes prefer the same response; it is skipped with
/// "majority tie: votes a,b,c" when 2 or 3 votes are ties, and "no majority: votes a,b,c" when the votes
/// are all different. A kept record whose response is a JSON boolean (upstream has a few `true` where a
/// model answered "True") is skipped too: the original text is not known. Empty responses are kept:
/// a model that answered nothing is a legitimate losing side. Ids are "pandalm-&lt;index&gt;"; when
/// cmp_key is "modelA_modelB" the models of response1/response2 go in chosen_model/rejected_model.
/// </summary>
public sealed class PandaLmImporter : IImporter
{
    private const string Subset = "pandalm";

    public string Name => "pandalm";
    public string Description => "PandaLM test set JSON (3 annotators, ties) -> pairwise, keeping majority preferences";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        using var document = await ImportJson.ReadArrayAsync(inputPath, cancellationToken);
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var skipKinds = new List<string>();
        var emptyResponses = 0;
        foreach (var (record, at) in ImportJson.Records(document, inputPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var instruction = ImportJson.String(record, "instruction", at);
            var input = ImportJson.String(record, "input", at);
            var responses = new[] { Response(record, "response1", at), Response(record, "response2", at) };
            int[] votes = [Vote(record, "annotator1", at), Vote(record, "annotator2", at), Vote(record, "annotator3", at)];
            var models = Models(record, at);

            var winner = votes.Count(v => v == 1) >= 2 ? 1 : votes.Count(v => v == 2) >= 2 ? 2 : 0;
            string? kind = null, reason = null;
            if (winner == 0)
            {
                kind = votes.Count(v => v == 0) >= 2 ? "majority tie" : "no majority";
                reason = $"{kind}: votes {string.Join(",", votes)}";
            }
            else if (responses.FirstOrDefault(r => r.Text is null) is { } notText)
            {
                kind = "response is not text";
                reason = $"{notText.Field} is the JSON boolean {notText.Raw}, not text";
            }
            if (kind is not null)
            {
                skipped.Add(new ImportSkip(at.Location, reason!));
                skipKinds.Add(kind);
                continue;
            }

            var (chosen, rejected) = winner == 1 ? (0, 1) : (1, 0);
            if (responses.Any(r => r.Text!.Length == 0)) emptyResponses++;
            rows.Add(new CanonicalRow
            {
                Id = $"{Subset}-{at.Index}",
                Subset = Subset,
                Prompt = string.IsNullOrWhiteSpace(input) ? instruction : $"{instruction}\n\n{input}",
                Chosen = [responses[chosen].Text!],
                Rejected = [responses[rejected].Text!],
                ChosenModel = models?[chosen],
                RejectedModel = models?[rejected],
            });
        }
        var notes = new List<string> { $"kept {rows.Count} records with a majority preference; dropped {skipped.Count}." };
        if (skipped.Count > 0) notes.Add($"dropped by reason: {ImportJson.Counts(skipKinds)}.");
        if (emptyResponses > 0) notes.Add($"{emptyResponses} kept records have an empty response (kept as they are).");
        return new ImportResult("pairwise", rows, skipped, notes);
    }

    private sealed record ResponseValue(string Field, string? Text, string Raw);

    /// <summary>A response: a string, or a JSON boolean (an upstream artifact, skipped later); anything else is invalid.</summary>
    private static ResponseValue Response(JsonElement record, string field, RecordRef at)
    {
        var value = ImportJson.Required(record, field, at);
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? new ResponseValue(field, null, value.GetRawText())
            : new ResponseValue(field, ImportJson.AsString(value, field, at), "");
    }

    private static int Vote(JsonElement record, string field, RecordRef at)
    {
        var vote = ImportJson.Int(record, field, at);
        return vote is 0 or 1 or 2
            ? vote
            : throw at.Error($"a vote must be 0 (tie), 1 (response1 better) or 2 (response2 better), found {vote}.", field);
    }

    /// <summary>The models behind response1 and response2 from cmp_key "modelA_modelB", when it has that shape.</summary>
    private static string[]? Models(JsonElement record, RecordRef at)
    {
        var key = ImportJson.OptionalString(record, "cmp_key", at);
        var parts = key?.Split('_');
        return parts is [{ Length: > 0 }, { Length: > 0 }] ? parts : null;
    }
}
