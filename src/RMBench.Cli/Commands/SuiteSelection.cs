using System.CommandLine;
using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Cli.Commands;

/// <summary>Turns --suite arguments (names or canonical Parquet files) into manifests; no argument means every suite.</summary>
public static class SuiteSelection
{
    /// <summary>`--kind KIND` of run and bench: the kind to read every --suite FILE.parquet as (default: the file's recorded kind).</summary>
    public static Option<string?> KindOption() => new("--kind")
    {
        Description = "Suite kind for --suite FILE.parquet (pairwise, best-of-n, style-matrix, ...); default: the kind recorded in the file, else the one kind it fits.",
    };

    /// <param name="kind">--kind: applies to the files among <paramref name="suiteArgs"/>.</param>
    public static async Task<IReadOnlyList<SuiteManifest>> ResolveAsync(IReadOnlyList<string> suiteArgs, string? suitesDir,
        SuiteLoader loader, CancellationToken cancellationToken, string? kind = null)
    {
        var files = suiteArgs.Where(LooksLikeFile).ToList();
        var names = suiteArgs.Except(files).ToList();
        if (kind is not null && files.Count == 0) throw new InputException("--kind", "applies to --suite FILE.parquet only (a named suite's suite.json gives its kinds)");
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
            try { manifests.Add(await AdHocSuite.ForFileAsync(file, loader.Kinds, cancellationToken, kind)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (manifests.Count == 0) throw new InputException("--suite", "no suite to run (the suites folder holds no suite.json)");
        return manifests;
    }

    public static bool LooksLikeFile(string arg) =>
        arg.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || arg.Contains('/') || arg.Contains('\\') || File.Exists(arg);
}
