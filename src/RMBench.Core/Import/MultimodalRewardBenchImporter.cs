using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// Multimodal RewardBench (facebookresearch/multimodal_rewardbench, commit 3366b34a880ff612f7dc78b9a69e54e359202fad).
/// Input: data/all_data.json, the JSON array that upstream scripts/0_download_data.py writes from all_data_release.json
/// after downloading the images (it fills <c>Text</c> for the subsets whose prompts come from the source datasets).
/// Fields as scripts/1_run_model_as_judge_gpt4o.py reads them: <c>ID</c>, <c>Text</c> (the prompt), <c>Image</c> (path
/// relative to the JSON file's folder, e.g. images/nocaps/0.jpg), <c>Output1</c>, <c>Output2</c>, <c>Better</c>
/// ("Output1" or "Output2"), and <c>Category</c>.
/// <para>
/// Rows: image-response; chosen = the output named by Better. Subset = Category, with safety and reasoning split as
/// scripts/2_get_accuracy.py does: safety/bias for IDs starting with "pairs" (else safety/toxicity), reasoning/math for
/// IDs starting with "math" (else reasoning/coding). Skipped and reported: Better naming neither output, and a
/// missing or undecodable image.
/// </para>
/// </summary>
public sealed class MultimodalRewardBenchImporter : IImporter
{
    public string Name => "multimodal-rewardbench";
    public string Description => "Multimodal RewardBench all_data.json (ID, Text, Image, Output1, Output2, Better, Category) with its images/ folder -> image-response";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var ids = new RecordIds();
        await foreach (var (record, at) in ImportRecords.ReadAsync(inputPath, cancellationToken))
        {
            var id = ImportJson.OptionalId(record, "ID", at) ?? throw at.Error("missing required field 'ID'.", "ID");
            ids.Claim(id, at, "ID");
            var text = ImportJson.OptionalString(record, "Text", at)
                ?? throw at.Error("missing required field 'Text' (all_data_release.json lacks some prompts: run upstream scripts/0_download_data.py and import its all_data.json).", "Text");
            var image = ImportJson.String(record, "Image", at);
            var first = ImportJson.String(record, "Output1", at);
            var second = ImportJson.String(record, "Output2", at);
            var better = ImportJson.String(record, "Better", at);
            var category = ImportJson.OptionalString(record, "Category", at);
            if (better is not ("Output1" or "Output2"))
            {
                skipped.Add(new ImportSkip(at.Location, $"Better '{better}' is neither Output1 nor Output2"));
                continue;
            }
            var bytes = ImportRecords.ReadImage(baseDirectory, image, out var reason);
            if (bytes is null)
            {
                skipped.Add(new ImportSkip(at.Location, reason!));
                continue;
            }
            var firstWins = better == "Output1";
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = SubsetFor(category, id),
                Prompt = text,
                Chosen = [firstWins ? first : second],
                Rejected = [firstWins ? second : first],
                Image = bytes,
            });
        }
        if (rows.Count == 0) throw new InputException(inputPath, $"no usable record ({skipped.Count} skipped); nothing to import.");
        var notes = new List<string> { $"{rows.Count} pairs; subsets: {ImportJson.Counts(rows.Select(r => r.Subset))}." };
        if (skipped.Count > 0) notes.Add($"skipped {skipped.Count} records (Better naming neither output, or a missing or undecodable image).");
        return new ImportResult("image-response", rows, skipped, notes);
    }

    /// <summary>The category as upstream scripts/2_get_accuracy.py reports it.</summary>
    public static string SubsetFor(string? category, string id) => category switch
    {
        "safety" => id.StartsWith("pairs", StringComparison.OrdinalIgnoreCase) ? "safety/bias" : "safety/toxicity",
        "reasoning" => id.StartsWith("math", StringComparison.OrdinalIgnoreCase) ? "reasoning/math" : "reasoning/coding",
        { Length: > 0 } other => other,
        _ => "multimodal-rewardbench",
    };
}
