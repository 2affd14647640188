using System.Globalization;
using System.Text;
using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Reports.Samples;

/// <summary>One request of a shown item: its role, score and texts.</summary>
/// <param name="Scored">Whether the rebuilt request has the hash the run scored (false: the texts were rebuilt differently, e.g. without the suite's template).</param>
public sealed record SampleRequest(string Role, float? Score, string? System, IReadOnlyList<Core.Requests.Turn> Conversation, string Response,
    int Images, string RequestHash, bool Scored);

/// <summary>One judged item with its outcome and requests.</summary>
public sealed record SampleItem(string Id, string Subset, string Cluster, double Outcome, int Ties, bool Invalid,
    IReadOnlyDictionary<string, double> Extras, IReadOnlyList<SampleRequest> Requests);

/// <summary>What `rmbench samples` shows: the run, the suite and the chosen items.</summary>
public sealed record SampleSet(string Run, string Model, string Suite, int Judged, int Shown, bool MissesOnly, string TextSource,
    IReadOnlyList<SampleItem> Items);

/// <summary>
/// A run's items with their texts: outcomes from outcomes.parquet, scores from scores.parquet, texts rebuilt
/// from the suite's datasets by their kinds (so every kind shows the exact conversation and response of each
/// role). The datasets must still have the sha256 the run recorded. The suite's manifest is looked up in the
/// suites folder (for its prompt template); without it the items are rebuilt from run.json's dataset list, and
/// a request whose rebuilt hash differs from the scored one is marked (Scored = false).
/// </summary>
public static class SampleView
{
    /// <summary>A miss: an item the model did not get fully right (outcome below 1: wrong, tied or invalid).</summary>
    public static bool IsMiss(ItemOutcome outcome) => outcome.Value < 1 || outcome.Invalid;

    public static async Task<SampleSet> LoadAsync(string runPath, string suiteName, bool missesOnly, int limit, string? suitesDir,
        CancellationToken cancellationToken)
    {
        var run = RunJson.Load(runPath);
        var full = Path.GetFullPath(runPath);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        var suite = run.Suites.FirstOrDefault(s => s.Name == suiteName)
            ?? throw new InputException("--suite", $"run {runPath} has no suite '{suiteName}' (it has: {string.Join(", ", run.Suites.Select(s => s.Name))})");
        var outcomes = (await OutcomesTable.ReadAsync(Path.Combine(folder, RunFiles.OutcomesParquet), cancellationToken)).GetValueOrDefault(suiteName) ?? [];
        var chosen = outcomes.Where(o => !missesOnly || IsMiss(o)).Take(limit).ToList();
        var wanted = chosen.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var scores = (await ScoresTable.ReadAsync(Path.Combine(folder, RunFiles.ScoresParquet), cancellationToken))
            .Where(s => s.Suite == suiteName && wanted.Contains(s.Id))
            .ToLookup(s => s.Id, StringComparer.Ordinal);

        await CheckDatasetsAsync(suite, cancellationToken);
        var (manifest, source) = Manifest(suite, runPath, suitesDir);
        var loaded = (await SuiteLoader.Default.LoadAsync([manifest], cancellationToken)).Single();
        var items = new Dictionary<string, SuiteItem>(StringComparer.Ordinal);
        await foreach (var chunk in loaded.Items.ReadChunksAsync(cancellationToken))
            foreach (var item in chunk)
                if (wanted.Contains(item.Id)) items[item.Id] = item;

        var shown = chosen.Select(o => Item(o, items.GetValueOrDefault(o.Id), scores[o.Id].ToList())).ToList();
        return new SampleSet(folder, run.Model.Id, suiteName, outcomes.Count, shown.Count, missesOnly, source, shown);
    }

    private static SampleItem Item(ItemOutcome outcome, SuiteItem? item, List<ScoreRow> scores)
    {
        var byRole = scores.ToDictionary(s => s.Role, StringComparer.Ordinal);
        var requests = (item?.Requests ?? []).Select(r =>
        {
            var row = byRole.GetValueOrDefault(r.Role);
            return new SampleRequest(r.Role, row?.Score, r.Request.System, r.Request.Turns, r.Request.Response, r.Request.Images.Count,
                r.Request.Hash, row is not null && row.RequestHash == r.Request.Hash);
        }).ToList();
        return new SampleItem(outcome.Id, outcome.Subset, outcome.Cluster, outcome.Value, outcome.Ties, outcome.Invalid, outcome.Extras, requests);
    }

    /// <summary>Texts are shown only from the very files the run scored.</summary>
    private static async Task CheckDatasetsAsync(SuiteResult suite, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        foreach (var dataset in suite.Datasets)
        {
            if (!File.Exists(dataset.Path)) { problems.Add(new InputProblem(dataset.Path, $"dataset of suite '{suite.Name}' not found (moved since the run?)")); continue; }
            var sha = await Core.IO.Sha256.FileHexAsync(dataset.Path, cancellationToken);
            if (sha != dataset.Sha256)
                problems.Add(new InputProblem(dataset.Path, $"sha256 {sha[..12]} differs from the run's {dataset.Sha256[..Math.Min(12, dataset.Sha256.Length)]}: the file changed since the run"));
        }
        if (problems.Count > 0) throw new InputException(problems);
    }

    /// <summary>The suite's own manifest when the suites folder has it over the same files, else one rebuilt from run.json.</summary>
    private static (SuiteManifest Manifest, string Source) Manifest(SuiteResult suite, string runPath, string? suitesDir)
    {
        var files = suite.Datasets.Select(d => Path.GetFullPath(d.Path)).Order(StringComparer.Ordinal).ToList();
        try
        {
            var root = SuiteCatalog.LocateRoot(suitesDir);
            if (Directory.Exists(root) && SuiteCatalog.Load(root).Manifests.FirstOrDefault(m => m.Name == suite.Name) is { } found
                && found.Datasets.Select(d => Path.GetFullPath(Path.Combine(found.Directory, d.Path))).Order(StringComparer.Ordinal).SequenceEqual(files))
                return (found, found.ManifestPath);
        }
        catch (InputException) { } // a broken suites folder: fall back to run.json's list
        return (new SuiteManifest
        {
            Name = suite.Name,
            Datasets = [.. suite.Datasets.Select(d => new SuiteDataset { Path = Path.GetFullPath(d.Path), Kind = d.Kind })],
            Sections = suite.Sections,
            Headline = suite.Headline,
            Directory = Path.GetDirectoryName(Path.GetFullPath(suite.Datasets[0].Path))!,
            ManifestPath = runPath,
        }, "run.json datasets (no suite manifest: no template applied)");
    }

    public static string ToJson(SampleSet set) => JsonSerializer.Serialize(set, RunJson.Options) + "\n";

    /// <summary>The console view: texts on one line each, cut to <paramref name="maxChars"/> characters.</summary>
    public static string ToText(SampleSet set, int maxChars)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{set.Model}, suite {set.Suite}: {set.Shown} of {set.Judged} judged items{(set.MissesOnly ? " (misses only)" : "")}; texts from {set.TextSource}\n");
        foreach (var item in set.Items)
        {
            var verdict = item.Invalid ? "invalid" : item.Outcome >= 1 ? "right" : item.Outcome <= 0 ? "miss" : "partial";
            text.Append(CultureInfo.InvariantCulture, $"\n{item.Id}  subset {item.Subset}  outcome {Reports.Markdown.Number(item.Outcome)} ({verdict}), {item.Ties} ties\n");
            if (item.Requests.Count == 0) { text.Append("  (texts unavailable: the item is not in the datasets)\n"); continue; }
            var first = item.Requests[0];
            if (first.System is { Length: > 0 } system) text.Append("  system: ").Append(Line(system, maxChars)).Append('\n');
            foreach (var turn in first.Conversation.Take(first.Conversation.Count - 1))
                text.Append("  ").Append(turn.Role).Append(": ").Append(Line(turn.Content, maxChars)).Append('\n');
            text.Append("  prompt: ").Append(Line(first.Conversation.Count > 0 ? first.Conversation[^1].Content : "", maxChars)).Append('\n');
            var width = item.Requests.Max(r => r.Role.Length);
            foreach (var r in item.Requests)
            {
                var score = r.Score is { } s ? s.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
                text.Append("  ").Append(r.Role.PadRight(width)).Append("  ").Append(score.PadLeft(10)).Append("  ")
                    .Append(r.Images > 0 ? $"[{r.Images} image(s)] " : "")
                    .Append(Line(r.Response, maxChars)).Append(r.Scored ? "" : "  (rebuilt text differs from the scored request)").Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>One console line: line breaks shown as "⏎", control characters dropped, cut with the count of what was left out.</summary>
    private static string Line(string text, int maxChars)
    {
        var flat = new StringBuilder(Math.Min(text.Length, maxChars + 8));
        foreach (var c in text)
            if (c == '\n') flat.Append(" ⏎ ");
            else if (!char.IsControl(c)) flat.Append(c);
        return Leaderboard.Format.Clip(flat.ToString(), maxChars);
    }
}
