using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// LLMBar (princeton-nlp/LLMBar): a JSON array of {input, output_1, output_2, label}, label 1 or 2 naming
/// the better output. The input is one file or a directory (every *.json below it, in ordinal path order).
/// Prompt = input; chosen = the labelled output, rejected = the other. Texts are kept as they are.
/// Ids are "&lt;subset&gt;-&lt;index&gt;" (0-based index in the file).
/// <para>Subset rule (<see cref="SubsetFor"/>): take the file name without extension; for the upstream
/// layout's "dataset.json" take the folder instead, prefixed by "Adversarial_"/"Processed_" when it sits
/// in such a folder. Drop a leading "LLMBar_". The four adversarial sets get RewardBench's names
/// (llmbar-adver-neighbor, llmbar-adver-GPTInst, llmbar-adver-GPTOut, llmbar-adver-manual); anything
/// else becomes "llmbar-" + the name in lower case with '_' replaced by '-' (LLMBar_Natural ->
/// llmbar-natural, Processed_FairEval -> llmbar-processed-faireval, Processed_LLMEval_2 ->
/// llmbar-processed-llmeval-2, Processed_MT-Bench -> llmbar-processed-mt-bench).</para>
/// </summary>
public sealed class LlmBarImporter : IImporter
{
    private static readonly Dictionary<string, string> RewardBenchNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Adversarial_Neighbor"] = "llmbar-adver-neighbor",
        ["Adversarial_GPTInst"] = "llmbar-adver-GPTInst",
        ["Adversarial_GPTOut"] = "llmbar-adver-GPTOut",
        ["Adversarial_Manual"] = "llmbar-adver-manual",
    };

    public string Name => "llmbar";
    public string Description => "LLMBar JSON (input, output_1, output_2, label 1|2); a file or a directory of them -> pairwise";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        var files = ImportJson.JsonFiles(inputPath);
        var rows = new List<CanonicalRow>();
        var fileNotes = new List<string>();
        var rowNotes = new List<string>();
        var fileOfSubset = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var subset = SubsetFor(file);
            if (!fileOfSubset.TryAdd(subset, file))
                throw new InputException(inputPath, $"'{fileOfSubset[subset]}' and '{file}' both map to subset '{subset}'; ids would collide.");
            var before = rows.Count;
            using var document = await ImportJson.ReadArrayAsync(file, cancellationToken);
            foreach (var (record, at) in ImportJson.Records(document, file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = Convert(record, at, subset);
                if (row.Chosen[0] == row.Rejected[0])
                    rowNotes.Add($"{row.Id}: output_1 and output_2 are identical; kept (every model ties on it).");
                rows.Add(row);
            }
            fileNotes.Add($"{Path.GetFileName(file)} -> {subset}: {rows.Count - before} rows.");
        }
        return new ImportResult("pairwise", rows, [], [.. fileNotes, .. rowNotes]);
    }

    private static CanonicalRow Convert(System.Text.Json.JsonElement record, RecordRef at, string subset)
    {
        var input = ImportJson.String(record, "input", at);
        var output1 = ImportJson.String(record, "output_1", at);
        var output2 = ImportJson.String(record, "output_2", at);
        var label = ImportJson.Int(record, "label", at);
        if (label is not (1 or 2)) throw at.Error($"label must be 1 or 2 (the better output), found {label}.", "label");
        return new CanonicalRow
        {
            Id = $"{subset}-{at.Index}",
            Subset = subset,
            Prompt = input,
            Chosen = [label == 1 ? output1 : output2],
            Rejected = [label == 1 ? output2 : output1],
        };
    }

    /// <summary>The subset name for an LLMBar file (see the class summary for the rule).</summary>
    public static string SubsetFor(string filePath)
    {
        var name = Path.GetFileNameWithoutExtension(filePath);
        if (name.Equals("dataset", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(filePath));
            var parent = Path.GetFileName(Path.GetDirectoryName(folder));
            name = Path.GetFileName(folder) ?? name;
            if (parent is not null && (parent.Equals("Adversarial", StringComparison.OrdinalIgnoreCase)
                                       || parent.Equals("Processed", StringComparison.OrdinalIgnoreCase)))
                name = $"{parent}_{name}";
        }
        if (name.StartsWith("LLMBar_", StringComparison.OrdinalIgnoreCase)) name = name["LLMBar_".Length..];
        return RewardBenchNames.TryGetValue(name, out var known)
            ? known
            : "llmbar-" + name.ToLowerInvariant().Replace('_', '-');
    }
}
