using RMBench.Core.Errors;
using RMBench.Core.Text;

namespace RMBench.Core.Suites;

/// <summary>
/// The suites found by walking a folder: every suites/*/suite.json. A suite is one folder; adding one
/// needs no code.
/// </summary>
public sealed class SuiteCatalog
{
    private SuiteCatalog(string root, IReadOnlyList<SuiteManifest> manifests)
    {
        Root = root;
        Manifests = manifests;
    }

    public string Root { get; }
    public IReadOnlyList<SuiteManifest> Manifests { get; }

    /// <summary>Loads every manifest under root, reporting all broken manifests together.</summary>
    public static SuiteCatalog Load(string root)
    {
        if (!Directory.Exists(root)) throw new InputException(root, "suites folder does not exist");
        var manifests = new List<SuiteManifest>();
        var problems = new List<InputProblem>();
        foreach (var file in Directory.EnumerateFiles(root, "suite.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try { manifests.Add(SuiteManifest.Load(file)); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        foreach (var duplicate in manifests.GroupBy(m => m.Name).Where(g => g.Count() > 1))
            problems.Add(new InputProblem(root, $"suite name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(m => m.ManifestPath))}"));
        if (problems.Count > 0) throw new InputException(problems);
        return new SuiteCatalog(root, manifests.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());
    }

    public SuiteManifest Get(string name) =>
        Manifests.FirstOrDefault(m => m.Name == name)
        ?? throw new InputException("--suite", $"unknown suite '{name}'.{Suggest.DidYouMean(name, Manifests.Select(m => m.Name))}");

    /// <summary>
    /// The suites folder: an explicit path, else $RMBENCH_SUITES, else the first "suites" folder found
    /// walking up from the working directory and then from the application's own folder.
    /// </summary>
    public static string LocateRoot(string? explicitPath = null)
    {
        if (explicitPath is not null) return Path.GetFullPath(explicitPath);
        if (Environment.GetEnvironmentVariable("RMBENCH_SUITES") is { Length: > 0 } fromEnv) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "suites");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "RMBench.sln"))) return candidate;
            }
        return Path.GetFullPath("suites");
    }
}
