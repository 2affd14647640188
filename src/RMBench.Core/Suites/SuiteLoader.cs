using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;
using RMBench.Core.Results;

namespace RMBench.Core.Suites;

/// <summary>A suite ready to run: its manifest, its validated datasets and its items (read in chunks).</summary>
public sealed record LoadedSuite(SuiteManifest Manifest, IReadOnlyList<DatasetInfo> Datasets, SuiteItems Items)
{
    public string Name => Manifest.Name;
    public IReadOnlyList<string> Kinds => Datasets.Select(d => d.Kind).Distinct().ToList();
}

/// <summary>
/// Reads and validates every dataset of the requested suites before any model call, collecting the
/// problems of all files so the user sees them at once. Validation streams each file one row group at a
/// time and keeps only counts, the request fingerprint and hashed ids: a suite's items are built again,
/// chunk by chunk, when the run reads them (<see cref="SuiteItems"/>), so memory does not grow with its size.
/// </summary>
public sealed class SuiteLoader(Registry<ISuiteKind> kinds)
{
    public static SuiteLoader Default { get; } = new(Registry<ISuiteKind>.Discover(k => k.Name, "suite kind"));

    public Registry<ISuiteKind> Kinds { get; } = kinds;

    /// <param name="sample">`--limit`: each suite keeps at most that many items (<see cref="ItemSample"/>); null keeps all.</param>
    public async Task<IReadOnlyList<LoadedSuite>> LoadAsync(IReadOnlyList<SuiteManifest> manifests, CancellationToken cancellationToken,
        ItemSample? sample = null)
    {
        var problems = new List<InputProblem>();
        var validated = new List<Validated>();
        foreach (var manifest in manifests)
        {
            try { validated.Add(await ValidateAsync(manifest, sample, cancellationToken)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        // Repeats are found over all suites of the load: a request shared by two suites is scored once.
        var repeats = RequestRepeats.Of(validated.Select(v => v.Tally.Keys).ToList());
        StreamedGroups.AfterLoad(validated.Sum(v => v.Tally.Items));
        return [.. validated.Select(v => new LoadedSuite(v.Manifest, v.Datasets, new DatasetItems(v.Files, v.Context,
            v.Tally.Items, v.Tally.Requests, v.Tally.Truncated, v.Fingerprint, repeats) { Include = v.Include }))];
    }

    /// <param name="Context">The suite's parsed template and budget, reused when the run builds the items again.</param>
    private sealed record Validated(SuiteManifest Manifest, SuiteContext Context, List<DatasetInfo> Datasets, List<(DatasetFile, ISuiteKind)> Files,
        SuiteItems.Tally Tally, string Fingerprint, Func<string, bool>? Include);

    private async Task<Validated> ValidateAsync(SuiteManifest manifest, ItemSample? sample, CancellationToken cancellationToken)
    {
        var datasets = new List<DatasetInfo>();
        var files = new List<(DatasetFile, ISuiteKind)>();
        var problems = new List<InputProblem>();
        var context = new SuiteContext(manifest.Name, manifest);
        // Ids across the suite's datasets (each file's own duplicates are the file's problems).
        var suiteIds = manifest.Datasets.Count > 1 ? new IdRegistry() : null;
        // A sample validates every row but tallies only its own items, found by a second pass once the threshold is known.
        var selector = sample is null ? null : new ItemSample.Selector(sample);
        using var everyItem = new SuiteItems.Tally();
        foreach (var (entry, datasetIndex) in manifest.Datasets.Select((e, i) => (e, i)))
        {
            var kind = Kinds.Get(entry.Kind, manifest.ManifestPath);
            var path = Path.GetFullPath(Path.Combine(manifest.Directory, entry.Path));
            var file = new DatasetFile(path, kind.Schema);
            try
            {
                await foreach (var rows in file.ReadRowGroupsAsync(cancellationToken))
                    for (var i = 0; i < rows.Count; i++)
                    {
                        // Each row's item is built and dropped: let the garbage of every chunk's worth go.
                        if (i % SuiteItems.ChunkItems == 0) StreamedGroups.CollectYoungIfDue();
                        Validate(rows[i], kind, context, path, problems, everyItem, suiteIds, datasetIndex, manifest);
                        selector?.Offer(rows[i].Id);
                    }
            }
            catch (InputException e) { problems.AddRange(e.Problems); continue; }
            datasets.Add(new DatasetInfo(path, file.Sha256!, checked((int)file.RowCount!.Value), kind.Name));
            files.Add((file, kind));
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (sample is null) return new Validated(manifest, context, datasets, files, everyItem, everyItem.Finish(), null);
        var include = selector!.Filter();
        var tally = include is null ? everyItem : await TallySampleAsync(files, context, include, cancellationToken);
        return new Validated(manifest, context, datasets, files, tally, sample.Mark(tally.Finish()), include);
    }

    /// <summary>The counts and fingerprint of a sample's items, in dataset order (the order the run reads them).</summary>
    private static async Task<SuiteItems.Tally> TallySampleAsync(List<(DatasetFile File, ISuiteKind Kind)> files, SuiteContext context,
        Func<string, bool> include, CancellationToken cancellationToken)
    {
        var tally = new SuiteItems.Tally();
        foreach (var (file, kind) in files)
            await foreach (var rows in file.ReadRowGroupsAsync(cancellationToken))
                foreach (var row in rows)
                    if (include(row.Id)) tally.Add(kind.ToItem(row, context));
        return tally;
    }

    private static void Validate(DatasetRow row, ISuiteKind kind, SuiteContext context, string path, List<InputProblem> problems,
        SuiteItems.Tally tally, IdRegistry? suiteIds, int datasetIndex, SuiteManifest manifest)
    {
        var before = problems.Count;
        foreach (var message in kind.CheckRow(row)) problems.Add(new InputProblem(path, message, row.Index));
        if (suiteIds?.Add(row.Id, datasetIndex) is { } first && first != datasetIndex)
            problems.Add(new InputProblem(manifest.ManifestPath, $"item id '{row.Id}' appears in more than one dataset of suite '{manifest.Name}'", Column: "id"));
        // Build the item now too: it checks what only building shows (templates, budgets) and gives the fingerprint.
        if (problems.Count == before) tally.Add(kind.ToItem(row, context));
    }
}
