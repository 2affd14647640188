using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// VL-RewardBench (vl-rewardbench/VL_RewardBench, data/data.jsonl at commit e492d6548558d9fcac8959de60be8f4e8a640dc8;
/// images from the Hugging Face dataset MMInstruction/VL-RewardBench, under data/images/). JSONL records:
/// <c>id</c>, <c>image_path</c> (relative to the JSONL file's folder, e.g. images/rlaif-v/RLAIF-V-14.jpg),
/// <c>query</c>, <c>response</c> (two strings), <c>human_ranking</c> (two integers, 0 = the preferred response),
/// optional <c>models</c> (two names), <c>query_source</c>, <c>meta</c>.
/// <para>
/// Rows: image-response; image = the file's bytes, prompt = query, chosen = the response ranked 0. Subset = the
/// benchmark's group of the image folder (image_path's second part), as the upstream cal.py maps it: vlfeedback and
/// wildvision-battle -> general; povid, rlhf-v, rlaif-v -> hallucination; reasoning_tasks -> reasoning; another folder
/// keeps its name. Skipped and reported: a record whose ranking names no single preferred response, and a record
/// whose image is missing or not a complete PNG/JPEG.
/// </para>
/// </summary>
public sealed class VlRewardBenchImporter : IImporter
{
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["vlfeedback"] = "general", ["wildvision-battle"] = "general",
        ["povid"] = "hallucination", ["rlhf-v"] = "hallucination", ["rlaif-v"] = "hallucination",
        ["reasoning_tasks"] = "reasoning",
    };

    public string Name => "vl-rewardbench";
    public string Description => "VL-RewardBench data.jsonl (id, image_path, query, response[2], human_ranking[2]) with its images/ folder -> image-response";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
        var rows = new List<CanonicalRow>();
        var skipped = new List<ImportSkip>();
        var ids = new RecordIds();
        await foreach (var (record, at) in ImportRecords.ReadAsync(inputPath, cancellationToken))
        {
            var id = ImportJson.OptionalId(record, "id", at) ?? throw at.Error("missing required field 'id'.", "id");
            ids.Claim(id, at, "id");
            var imagePath = ImportJson.String(record, "image_path", at);
            var query = ImportJson.String(record, "query", at);
            var responses = Pair(ImportJson.AsStringList(ImportJson.Required(record, "response", at), "response", at), "response", at);
            var ranking = Ranking(ImportJson.Required(record, "human_ranking", at), at);
            var models = ImportJson.TryGetOptional(record, "models", out var m) ? Pair(ImportJson.AsStringList(m, "models", at), "models", at) : null;
            if (ranking[0] == ranking[1] || (ranking[0] != 0 && ranking[1] != 0))
            {
                skipped.Add(new ImportSkip(at.Location, $"human_ranking [{ranking[0]}, {ranking[1]}] names no single preferred response (0)"));
                continue;
            }
            var image = ImportRecords.ReadImage(baseDirectory, imagePath, out var reason);
            if (image is null)
            {
                skipped.Add(new ImportSkip(at.Location, reason!));
                continue;
            }
            var chosen = ranking[0] == 0 ? 0 : 1;
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = SubsetFor(imagePath),
                Prompt = query,
                Chosen = [responses[chosen]],
                Rejected = [responses[1 - chosen]],
                ChosenModel = models?[chosen],
                RejectedModel = models?[1 - chosen],
                Image = image,
            });
        }
        if (rows.Count == 0) throw new InputException(inputPath, $"no usable record ({skipped.Count} skipped); nothing to import.");
        var notes = new List<string> { $"{rows.Count} pairs; subsets: {ImportJson.Counts(rows.Select(r => r.Subset))}." };
        if (skipped.Count > 0) notes.Add($"skipped {skipped.Count} records (no single preferred response, or a missing or undecodable image).");
        return new ImportResult("image-response", rows, skipped, notes);
    }

    /// <summary>The group of an image path's folder (images/&lt;folder&gt;/...), as upstream cal.py maps it.</summary>
    public static string SubsetFor(string imagePath)
    {
        var parts = imagePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var folder = parts.Length >= 2 ? parts[1] : "vl-rewardbench";
        return Groups.GetValueOrDefault(folder, folder);
    }

    private static IReadOnlyList<string> Pair(IReadOnlyList<string> values, string field, RecordRef at) =>
        values.Count == 2 ? values : throw at.Error($"expected exactly 2 items, found {values.Count}.", field);

    private static int[] Ranking(JsonElement value, RecordRef at)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
            throw at.Error($"expected a list of 2 integers, found {ImportJson.Describe(value)}.", "human_ranking");
        return [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n : throw at.Error($"expected a list of 2 integers, found an item that is {ImportJson.Describe(v)}.", "human_ranking"))];
    }
}
