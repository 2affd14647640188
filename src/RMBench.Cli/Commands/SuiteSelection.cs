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
            if (NotAParquetFile(file) is { } problem)
            {
                problems.Add(problem);
                continue;
            }
            try { manifests.Add(await AdHocSuite.ForFileAsync(file, loader.Kinds, cancellationToken, kind)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (manifests.Count == 0) throw new InputException("--suite", "no suite to run (the suites folder holds no suite.json)");
        return manifests;
    }

    /// <summary>
    /// What to pass instead when a --suite argument is a folder, a suite manifest or an upstream JSON file
    /// (the Parquet reader would say only "not a Parquet file" or "file does not exist"); null otherwise.
    /// </summary>
    private static InputProblem? NotAParquetFile(string arg)
    {
        var full = Path.GetFullPath(arg);
        if (Directory.Exists(full))
        {
            if (File.Exists(Path.Combine(full, SuiteManifestFile)))
                return new InputProblem(arg, $"is a suite folder, not a file: {BySuiteName(Path.Combine(full, SuiteManifestFile))}");
            var suites = Directory.EnumerateDirectories(full).Where(d => File.Exists(Path.Combine(d, SuiteManifestFile)))
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            if (suites.Count > 0)
                return new InputProblem(arg, $"is a folder of suites: pass --suites-dir {arg} (with --suite NAME to pick some of {string.Join(", ", suites)})");
            var parquet = Directory.EnumerateFiles(full, "*.parquet").Order(StringComparer.Ordinal).FirstOrDefault();
            return new InputProblem(arg, "is a folder; --suite takes a suite name or one canonical FILE.parquet" +
                (parquet is null ? " (this folder holds none)" : $", e.g. --suite {Path.Combine(arg, Path.GetFileName(parquet))}"));
        }
        if (!File.Exists(full)) return null; // the reader says it does not exist
        if (Path.GetFileName(full) == SuiteManifestFile)
            return new InputProblem(arg, $"is a suite manifest, not a dataset: {BySuiteName(full)}");
        var name = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? full[..^3] : full;
        if (Path.GetExtension(name).ToLowerInvariant() is ".json" or ".jsonl" or ".csv")
            return new InputProblem(arg, $"is {Path.GetExtension(name).TrimStart('.').ToUpperInvariant()}, not a canonical Parquet file: convert it first with " +
                $"'rmbench import --format FORMAT {arg} -o FILE.parquet' (formats: {string.Join(", ", ImportCommand.Importers.Names.Order(StringComparer.Ordinal))}), then --suite FILE.parquet");
        return null;
    }

    private const string SuiteManifestFile = "suite.json";

    /// <summary>"pass --suites-dir ROOT --suite NAME" for a suite.json (its "name", else its folder's name).</summary>
    private static string BySuiteName(string manifest)
    {
        var folder = Path.GetDirectoryName(manifest)!;
        var name = Path.GetFileName(folder);
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("name", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String) name = n.GetString()!;
        }
        catch (System.Text.Json.JsonException) { } // the folder's name then; loading it reports the manifest's problems
        return $"pass --suites-dir {Path.GetDirectoryName(folder)} --suite {name}";
    }

    public static bool LooksLikeFile(string arg) =>
        arg.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || arg.Contains('/') || arg.Contains('\\') || File.Exists(arg);
}
