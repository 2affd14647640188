using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// RewardBench rows as published on the Hugging Face hub, in a .json array, .jsonl or .parquet file
/// (format chosen by extension): prompt, chosen, rejected, subset and optionally id, chosen_model,
/// rejected_model. RewardBench v1 rows have string chosen/rejected (kind pairwise); RewardBench 2 rows
/// have lists of strings (kind best-of-n, each list non-empty). Other fields (num_correct, models, ...)
/// are ignored. One file holds one version: a file mixing the two is invalid. An id may be a string or an
/// integer (written in invariant culture); a missing or null id becomes "&lt;subset&gt;-&lt;index&gt;"
/// (0-based record index); duplicate ids are invalid. Texts are kept as they are.
/// </summary>
public sealed class RewardBenchImporter : IImporter
{
    public string Name => "rewardbench";
    public string Description => "RewardBench v1 (pairwise) or RewardBench 2 (best-of-n) rows from .json, .jsonl or .parquet";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        ImportJson.RequireFile(inputPath);
        var records = Path.GetExtension(inputPath).ToLowerInvariant() switch
        {
            ".json" => await FromJsonArrayAsync(inputPath, cancellationToken),
            ".jsonl" => await FromJsonLinesAsync(inputPath, cancellationToken),
            ".parquet" => await RewardBenchParquet.ReadAsync(inputPath, cancellationToken),
            var other => throw new InputException(inputPath,
                $"unsupported extension '{other}'; expected .json (array), .jsonl or .parquet."),
        };
        return Convert(records);
    }

    /// <summary>One source record, whatever the file format: Index is its 0-based position. Answers are a string (v1) or a list (v2).</summary>
    internal sealed record Source(RecordRef At, long Index, string Prompt, Answers Chosen, Answers Rejected, string Subset,
        string? Id, string? ChosenModel, string? RejectedModel);

    internal sealed record Answers(IReadOnlyList<string> Texts, bool IsList);

    private static ImportResult Convert(IReadOnlyList<Source> records)
    {
        var first = records[0];
        var listKind = first.Chosen.IsList;
        var rows = new List<CanonicalRow>(records.Count);
        var ids = new RecordIds();
        var generatedIds = 0;
        foreach (var record in records)
        {
            var at = record.At;
            if (record.Chosen.IsList != record.Rejected.IsList)
                throw at.Error("chosen and rejected must both be strings (RewardBench v1) or both be lists (RewardBench 2).", "rejected");
            if (record.Chosen.IsList != listKind)
                throw at.Error($"this file mixes RewardBench versions: record {first.At.Location} is {Version(listKind)} "
                               + $"but this record is {Version(record.Chosen.IsList)}.", "chosen");
            foreach (var (answers, field) in new[] { (record.Chosen, "chosen"), (record.Rejected, "rejected") })
                if (answers.Texts.Count == 0) throw at.Error("must hold at least one answer, found an empty list.", field);

            var id = record.Id ?? $"{record.Subset}-{record.Index}";
            if (record.Id is null) generatedIds++;
            ids.Claim(id, at, "id");
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = record.Subset,
                Prompt = record.Prompt,
                Chosen = record.Chosen.Texts,
                Rejected = record.Rejected.Texts,
                ChosenModel = record.ChosenModel,
                RejectedModel = record.RejectedModel,
            });
        }
        var subsets = ImportJson.Counts(rows.Select(r => r.Subset));
        var notes = new List<string> { $"{rows.Count} {Version(listKind)} rows; subsets: {subsets}." };
        if (generatedIds > 0) notes.Add($"{generatedIds} rows had no id and got '<subset>-<index>'.");
        return new ImportResult(listKind ? "best-of-n" : "pairwise", rows, [], notes);

        static string Version(bool isList) => isList ? "RewardBench 2 (list answers)" : "RewardBench v1 (string answers)";
    }

    private static async Task<IReadOnlyList<Source>> FromJsonArrayAsync(string path, CancellationToken cancellationToken)
    {
        using var document = await ImportJson.ReadArrayAsync(path, cancellationToken);
        return ImportJson.Records(document, path).Select(r => FromJson(r.Record, r.At, r.At.Index!.Value)).ToList();
    }

    private static async Task<IReadOnlyList<Source>> FromJsonLinesAsync(string path, CancellationToken cancellationToken)
    {
        var records = new List<Source>();
        var index = 0L;
        await foreach (var (record, at) in ImportJson.ReadLinesAsync(path, cancellationToken, arraysAsJson: true))
            records.Add(FromJson(record, at, index++));
        return records;
    }

    private static Source FromJson(JsonElement record, RecordRef at, long index) => new(
        at,
        index,
        ImportJson.String(record, "prompt", at),
        JsonAnswers(record, "chosen", at),
        JsonAnswers(record, "rejected", at),
        ImportJson.String(record, "subset", at),
        ImportJson.OptionalId(record, "id", at),
        ImportJson.OptionalString(record, "chosen_model", at),
        ImportJson.OptionalString(record, "rejected_model", at));

    private static Answers JsonAnswers(JsonElement record, string field, RecordRef at)
    {
        var value = ImportJson.Required(record, field, at);
        return value.ValueKind == JsonValueKind.Array
            ? new Answers(ImportJson.AsStringList(value, field, at), IsList: true)
            : new Answers([ImportJson.AsString(value, field, at)], IsList: false);
    }
}
