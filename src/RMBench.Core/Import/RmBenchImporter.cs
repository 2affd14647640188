using System.Globalization;
using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Import;

/// <summary>
/// RM-Bench (THU-KEG/RM-Bench) JSON: an array of {id, subset, prompt, chosen [3], rejected [3]} where index 0
/// is the concise answer, 1 the detailed plain one, 2 the detailed markdown one -> style-matrix rows.
/// <para>Subset = the RM-Bench domain, which its scores average over: a record's <c>domain</c> field when
/// present, else derived from <c>subset</c> (<see cref="DomainFor"/>: alpacaeval* -> chat; math*, *prm* ->
/// math; hep-*, humanevalpack* -> code; xstest*, donotanswer*, refusals* -> safety; anything else kept as
/// it is). The upstream subsets are counted in the notes. Id = the upstream id (a number or a string) as
/// text; a duplicate id is invalid. Extra upstream fields (error, error_key) are ignored.</para>
/// </summary>
public sealed class RmBenchImporter : IImporter
{
    public string Name => "rm-bench";
    public string Description => "RM-Bench JSON (id, subset, prompt, chosen[3], rejected[3]; concise, detailed, markdown) -> style-matrix";

    public async Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken)
    {
        using var document = await ImportJson.ReadArrayAsync(inputPath, cancellationToken);
        var rows = new List<CanonicalRow>();
        var upstreamSubsets = new List<string>();
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (record, at) in ImportJson.Records(document, inputPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = Id(ImportJson.Required(record, "id", at), at);
            if (!ids.TryAdd(id, at.Index!.Value))
                throw at.Error($"duplicate id '{id}' (first at index {ids[id]}).", "id");
            var subset = ImportJson.String(record, "subset", at);
            var domain = ImportJson.OptionalString(record, "domain", at) ?? DomainFor(subset);
            upstreamSubsets.Add($"{subset} -> {domain}");
            rows.Add(new CanonicalRow
            {
                Id = id,
                Subset = domain,
                Prompt = ImportJson.String(record, "prompt", at),
                Chosen = Styles(record, "chosen", at),
                Rejected = Styles(record, "rejected", at),
            });
        }
        return new ImportResult("style-matrix", rows, [], [$"upstream subsets: {ImportJson.Counts(upstreamSubsets)}"]);
    }

    /// <summary>The RM-Bench domain of an upstream subset name (see the class summary).</summary>
    public static string DomainFor(string subset)
    {
        var s = subset.ToLowerInvariant();
        if (s.StartsWith("alpacaeval", StringComparison.Ordinal) || s == "chat") return "chat";
        if (s.StartsWith("math", StringComparison.Ordinal) || s.Contains("prm", StringComparison.Ordinal)) return "math";
        if (s.StartsWith("hep-", StringComparison.Ordinal) || s.StartsWith("humanevalpack", StringComparison.Ordinal) || s == "code") return "code";
        if (s.StartsWith("xstest", StringComparison.Ordinal) || s.StartsWith("donotanswer", StringComparison.Ordinal)
            || s.StartsWith("refusals", StringComparison.Ordinal) || s.StartsWith("safety", StringComparison.Ordinal)) return "safety";
        return subset;
    }

    private static string Id(JsonElement value, RecordRef at) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String when !string.IsNullOrEmpty(value.GetString()) => value.GetString()!,
        _ => throw at.Error($"expected an integer or a non-empty string, found {ImportJson.Describe(value)}.", "id"),
    };

    private static IReadOnlyList<string> Styles(JsonElement record, string field, RecordRef at)
    {
        var answers = ImportJson.AsStringList(ImportJson.Required(record, field, at), field, at);
        return answers.Count == StyleMatrixKind.Styles
            ? answers
            : throw at.Error($"expected {StyleMatrixKind.Styles} answers (concise, detailed, markdown), found {answers.Count}.", field);
    }
}
