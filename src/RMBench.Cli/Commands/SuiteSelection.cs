using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Cli.Commands;

/// <summary>Turns --suite arguments (names or canonical Parquet files) into manifests; no argument means every suite.</summary>
public static class SuiteSelection
{
    public static async Task<IReadOnlyList<SuiteManifest>> ResolveAsync(IReadOnlyList<string> suiteArgs, string? suitesDir,
        SuiteLoader loader, CancellationToken cancellationToken)
    {
        var files = suiteArgs.Where(LooksLikeFile).ToList();
        var names = suiteArgs.Except(files).ToList();
        var manifests = new List<SuiteManifest>();
        var problems = new List<InputProblem>();
        if (names.Count > 0 || files.Count == 0)
        {
            var catalog = SuiteCatalog.Load(SuiteCatalog.LocateRoot(suitesDir));
            foreach (var name in names)
            {
                try { manifests.Add(catalog.Get(name)); }
                catch (InputException e) { problems.AddRange(e.Problems); }
            }
            if (suiteArgs.Count == 0) manifests.AddRange(catalog.Manifests);
        }
        foreach (var file in files)
        {
            try { manifests.Add(await AdHocSuite.ForFileAsync(file, loader.Kinds, cancellationToken)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (manifests.Count == 0) throw new InputException("--suite", "no suite to run (the suites folder holds no suite.json)");
        return manifests;
    }

    private static bool LooksLikeFile(string arg) =>
        arg.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || arg.Contains('/') || arg.Contains('\\') || File.Exists(arg);
}
