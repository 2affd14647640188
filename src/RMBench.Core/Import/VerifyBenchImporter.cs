using System.Text.Json;
using RMBench.Core.Data;

namespace RMBench.Core.Import;

/// <summary>
/// VerifyBench / VerifyBench-Hard: records {question, answer (the reference), completion, gold_correct
/// (true/false, or 1/0), answer_type, answer_subtype} as a JSON array or JSONL (".jsonl", ".jsonl.gz") -> verify
/// rows. Subset = the file name without extension, lower case, '_' -> '-' (verify_bench_hard.jsonl ->
/// verify-bench-hard), so files of two benchmarks keep apart; id = "&lt;subset&gt;-&lt;n&gt;" (0-based record
/// number). answer_type is kept (optional); answer_subtype has no canonical column: its counts go to the notes.
/// </summary>
public sealed class VerifyBenchImporter : IImporter
{
    public string Name => "verifybench";
    public string Description => "VerifyBench JSON array or JSONL (question, answer, completion, gold_correct, answer_type, answer_subtype) -> verify";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        ImportJson.RequireFile(inputPath);
        var subset = SubsetFor(inputPath);
        var rows = new List<CanonicalRow>();
        var subtypes = new List<string>();
        void Add(JsonElement record, RecordRef at)
        {
            rows.Add(Convert(record, at, $"{subset}-{rows.Count}", subset));
            subtypes.Add(ImportJson.OptionalString(record, "answer_subtype", at) ?? "(none)");
        }
        if (IsJsonLines(inputPath))
        {
            await foreach (var (record, at) in ImportJson.ReadLinesAsync(inputPath, cancellationToken, arraysAsJson: true)) Add(record, at);
        }
        else
        {
            using var document = await ImportJson.ReadArrayAsync(inputPath, cancellationToken);
            foreach (var (record, at) in ImportJson.Records(document, inputPath)) Add(record, at);
        }
        var labels = rows.Count(r => r.Label == true);
        return new ImportResult("verify", rows, [],
        [
            $"{labels} correct and {rows.Count - labels} incorrect completions.",
            $"answer_subtype counts: {ImportJson.Counts(subtypes)}",
        ]);
    }

    /// <summary>The subset for a file: its name without extension(s), lower case, '_' replaced by '-'.</summary>
    public static string SubsetFor(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var extension in new[] { ".gz", ".jsonl", ".json" })
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) name = name[..^extension.Length];
        return name.ToLowerInvariant().Replace('_', '-');
    }

    private static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    private static CanonicalRow Convert(JsonElement record, RecordRef at, string id, string subset) => new()
    {
        Id = id,
        Subset = subset,
        Prompt = ImportJson.String(record, "question", at),
        Reference = ImportJson.String(record, "answer", at),
        Completion = ImportJson.String(record, "completion", at),
        Label = Label(ImportJson.Required(record, "gold_correct", at), at),
        AnswerType = ImportJson.OptionalString(record, "answer_type", at),
    };

    private static bool Label(JsonElement value, RecordRef at) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        _ => throw at.Error($"expected true/false (or 1/0), found {ImportJson.Describe(value)}.", "gold_correct"),
    };
}
