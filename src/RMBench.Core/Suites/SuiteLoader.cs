using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;
using RMBench.Core.Results;

namespace RMBench.Core.Suites;

/// <summary>A suite ready to run: its manifest, its validated datasets and the items built from them.</summary>
public sealed record LoadedSuite(SuiteManifest Manifest, IReadOnlyList<DatasetInfo> Datasets, IReadOnlyList<SuiteItem> Items)
{
    public string Name => Manifest.Name;
    public IReadOnlyList<string> Kinds => Datasets.Select(d => d.Kind).Distinct().ToList();
}

/// <summary>
/// Reads and validates every dataset of the requested suites before any model call, collecting the
/// problems of all files so the user sees them at once.
/// </summary>
public sealed class SuiteLoader(Registry<ISuiteKind> kinds)
{
    public static SuiteLoader Default { get; } = new(Registry<ISuiteKind>.Discover(k => k.Name, "suite kind"));

    public Registry<ISuiteKind> Kinds { get; } = kinds;

    public async Task<IReadOnlyList<LoadedSuite>> LoadAsync(IReadOnlyList<SuiteManifest> manifests, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        var suites = new List<LoadedSuite>();
        foreach (var manifest in manifests)
        {
            try { suites.Add(await LoadOneAsync(manifest, cancellationToken)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        return suites;
    }

    private async Task<LoadedSuite> LoadOneAsync(SuiteManifest manifest, CancellationToken cancellationToken)
    {
        var datasets = new List<DatasetInfo>();
        var items = new List<SuiteItem>();
        var problems = new List<InputProblem>();
        var context = new SuiteContext(manifest.Name, manifest);
        foreach (var entry in manifest.Datasets)
        {
            var kind = Kinds.Get(entry.Kind, manifest.ManifestPath);
            var path = Path.GetFullPath(Path.Combine(manifest.Directory, entry.Path));
            Dataset dataset;
            try { dataset = await ParquetDatasetReader.ReadAsync(path, kind.Schema, cancellationToken); }
            catch (InputException e) { problems.AddRange(e.Problems); continue; }
            foreach (var row in dataset.Rows)
                foreach (var message in kind.CheckRow(row))
                    problems.Add(new InputProblem(path, message, row.Index));
            datasets.Add(new DatasetInfo(path, dataset.Sha256, dataset.Rows.Count, kind.Name));
            items.AddRange(dataset.Rows.Select(row => kind.ToItem(row, context)));
        }
        foreach (var duplicate in items.GroupBy(i => i.Id).Where(g => g.Count() > 1))
            problems.Add(new InputProblem(manifest.ManifestPath, $"item id '{duplicate.Key}' appears in more than one dataset of suite '{manifest.Name}'", Column: "id"));
        if (problems.Count > 0) throw new InputException(problems);
        return new LoadedSuite(manifest, datasets, items);
    }
}
