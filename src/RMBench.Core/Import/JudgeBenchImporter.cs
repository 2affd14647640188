using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// JudgeBench (ScalerLab/JudgeBench data/*.jsonl, or the same records as a .json array): question,
/// response_A, response_B and label "A&gt;B" or "B&gt;A" naming the better response; optional pair_id,
/// source (mmlu-pro-law, livebench-math, livecodebench...) and response_model. Prompt = question; chosen =
/// the better response. pair_id becomes the id and source the subset when present (otherwise
/// "judgebench-&lt;index&gt;", 0-based record index, and subset "judgebench"); response_model (one model wrote
/// both responses) goes in chosen_model and rejected_model. A record with any other label (e.g. a tie
/// "A=B") is skipped with its label as the reason; a non-string label or a missing field is invalid.
/// Duplicate ids are invalid. Texts are kept as they are.
/// </summary>
public sealed class JudgeBenchImporter : IImporter
{
    private const string DefaultSubset = "judgebench";

    public string Name => "judgebench";
    public string Description => "JudgeBench .jsonl/.json (question, response_A, response_B, label A>B|B>A) -> pairwise";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        ImportJson.RequireFile(inputPath);
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var ids = new RecordIds();
        var index = 0L;
        if (Path.GetExtension(inputPath).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            using var document = await ImportJson.ReadArrayAsync(inputPath, cancellationToken);
            foreach (var (record, at) in ImportJson.Records(document, inputPath))
                Add(record, at, index++);
        }
        else
        {
            await foreach (var (record, at) in ImportJson.ReadLinesAsync(inputPath, cancellationToken, arraysAsJson: true))
                Add(record, at, index++);
        }
        if (rows.Count == 0)
            throw new InputException(inputPath, $"no record has label A>B or B>A ({skipped.Count} records skipped); nothing to import.", column: "label");
        var notes = new List<string> { $"{rows.Count} pairs; subsets: {ImportJson.Counts(rows.Select(r => r.Subset))}." };
        if (skipped.Count > 0) notes.Add($"skipped {skipped.Count} records whose label is neither A>B nor B>A.");
        return new ImportResult("pairwise", rows, skipped, notes);

        void Add(JsonElement record, RecordRef at, long position)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var question = ImportJson.String(record, "question", at);
            var a = ImportJson.String(record, "response_A", at);
            var b = ImportJson.String(record, "response_B", at);
            var label = ImportJson.String(record, "label", at);
            var id = ImportJson.OptionalId(record, "pair_id", at) ?? $"{DefaultSubset}-{position}";
            var subset = ImportJson.OptionalString(record, "source", at) is { Length: > 0 } source ? source : DefaultSubset;
            var model = ImportJson.OptionalString(record, "response_model", at);
            ids.Claim(id, at, "pair_id");
            if (label is not ("A>B" or "B>A"))
            {
                skipped.Add(new ImportSkip(at.Location, $"label '{label}' is neither A>B nor B>A"));
                return;
            }
            var aWins = label == "A>B";
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = subset,
                Prompt = question,
                Chosen = [aWins ? a : b],
                Rejected = [aWins ? b : a],
                ChosenModel = model,
                RejectedModel = model,
            });
        }
    }
}
