using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Reports.Leaderboard;

/// <summary>The prompt and answers of one dataset row, for showing a model's largest misses.</summary>
public sealed record ItemText(string Prompt, IReadOnlyList<string> Chosen, IReadOnlyList<string> Rejected);

/// <summary>
/// Reads the texts of the datasets that runs were scored on, so the page can show prompts and answers. A dataset
/// is used only when the file at its recorded path still has the recorded sha256; otherwise (moved, changed,
/// unreadable) the page says examples are unavailable. Each file is read once however many runs share it.
/// </summary>
public sealed class DatasetTexts
{
    private readonly Dictionary<(string Path, string Sha256), Task<IReadOnlyDictionary<string, ItemText>?>> _cache = [];

    /// <summary>Texts by item id over all datasets of the suite, or null when any dataset is unavailable.</summary>
    public async Task<IReadOnlyDictionary<string, ItemText>?> ForSuiteAsync(SuiteResult suite, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, ItemText>(StringComparer.Ordinal);
        foreach (var dataset in suite.Datasets)
        {
            if (!_cache.TryGetValue((dataset.Path, dataset.Sha256), out var load))
                _cache[(dataset.Path, dataset.Sha256)] = load = LoadAsync(dataset, cancellationToken);
            if (await load is not { } texts) return null;
            foreach (var (id, text) in texts) all.TryAdd(id, text);
        }
        return all;
    }

    private static async Task<IReadOnlyDictionary<string, ItemText>?> LoadAsync(DatasetInfo dataset, CancellationToken cancellationToken)
    {
        if (!File.Exists(dataset.Path) || !SuiteLoader.Default.Kinds.TryGet(dataset.Kind, out var kind)) return null;
        Dataset data;
        try { data = await ParquetDatasetReader.ReadAsync(dataset.Path, kind.Schema, cancellationToken); }
        catch (InputException) { return null; }
        if (!string.Equals(data.Sha256, dataset.Sha256, StringComparison.Ordinal)) return null;
        if (!data.Columns.Contains("prompt") || !data.Columns.Contains("chosen") || !data.Columns.Contains("rejected")) return null;
        var texts = new Dictionary<string, ItemText>(StringComparer.Ordinal);
        foreach (var row in data.Rows)
            texts.TryAdd(row.Id, new ItemText(row.String("prompt"), Answers(row, "chosen"), Answers(row, "rejected")));
        return texts;
    }

    /// <summary>Pairwise rows hold one answer per side, best-of-n rows a list.</summary>
    private static IReadOnlyList<string> Answers(DatasetRow row, string column) =>
        row.Values.TryGetValue(column, out var value) ? value switch
        {
            string one => [one],
            IReadOnlyList<string> many => many,
            _ => [],
        } : [];
}
