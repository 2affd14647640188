using System.Text;
using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// Personalized RewardBench (Martin-qyma/Personalized-RewardBench; data on Hugging Face,
/// QiyaoMa/Personalized-RewardBench, one subset per topic: Lifestyle_and_Personal_Development, Art_and_Entertainment,
/// Society_and_Culture). Layout as documented in the upstream README.md ("Dataset Structure") and read by
/// evaluation/pointwise.py (commit d8a0cdaa7f7b32b0ee5be39db7ef2c2c39fa80b5): records of <c>id</c> (string), <c>question</c>,
/// <c>chosen</c>, <c>rejected</c>, <c>category</c>, <c>profile</c> (list of {<c>id</c>, <c>category</c>, <c>text</c>}: the user's
/// past questions), and <c>rubric_aspects</c> / <c>narrative</c>, which upstream keeps out of the reward model's input
/// (they state the scoring standard) and this importer ignores. A .json array or JSONL (e.g. a split exported with
/// <c>datasets</c>' <c>to_json</c>, or the repository's data/{subset}_test.jsonl).
/// <para>
/// Rows: pairwise; prompt = question; persona = the profile's texts as a list ("Questions this user asked before:"
/// then one "- text" line each), absent when the profile is absent or empty, so the persona gap metric compares the
/// score with and without the user's history. Subset = category (else "personalized-rewardbench").
/// </para>
/// </summary>
public sealed class PersonalizedRewardBenchImporter : IImporter
{
    private const string DefaultSubset = "personalized-rewardbench";
    public const string PersonaHeading = "Questions this user asked before:";

    public string Name => "personalized-rewardbench";
    public string Description => "Personalized RewardBench .jsonl/.json (id, question, chosen, rejected, category, profile[{text}]) -> pairwise with persona";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var rows = new List<CanonicalRow>();
        var ids = new RecordIds();
        await foreach (var (record, at) in ImportRecords.ReadAsync(inputPath, cancellationToken))
        {
            var id = ImportJson.OptionalId(record, "id", at) ?? throw at.Error("missing required field 'id'.", "id");
            ids.Claim(id, at, "id");
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = ImportJson.OptionalString(record, "category", at) is { Length: > 0 } category ? category : DefaultSubset,
                Prompt = ImportJson.String(record, "question", at),
                Chosen = [ImportJson.String(record, "chosen", at)],
                Rejected = [ImportJson.String(record, "rejected", at)],
                Persona = Persona(record, at),
            });
        }
        if (rows.Count == 0) throw new InputException(inputPath, "no record; nothing to import.");
        var withProfile = rows.Count(r => r.Persona is not null);
        return new ImportResult("pairwise", rows, [],
            [$"{rows.Count} pairs ({withProfile} with a profile as persona); subsets: {ImportJson.Counts(rows.Select(r => r.Subset))}.",
             "rubric_aspects and narrative are not imported (upstream keeps them out of the reward model's input)."]);
    }

    private static string? Persona(JsonElement record, RecordRef at)
    {
        if (!ImportJson.TryGetOptional(record, "profile", out var profile)) return null;
        if (profile.ValueKind != JsonValueKind.Array) throw at.Error($"expected a list of {{id, category, text}}, found {ImportJson.Describe(profile)}.", "profile");
        var text = new StringBuilder(PersonaHeading);
        var count = 0;
        foreach (var entry in profile.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) throw at.Error($"profile item {count} is {ImportJson.Describe(entry)}, not an object.", "profile");
            text.Append("\n- ").Append(ImportJson.String(entry, "text", at));
            count++;
        }
        return count == 0 ? null : text.ToString();
    }
}
