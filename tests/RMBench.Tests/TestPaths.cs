namespace RMBench.Tests;

/// <summary>Locations the tests use: the repository root, ../shared/data beside it, and fresh temp folders.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The public upstream benchmark files (../shared/data from the repository root).</summary>
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string Shared(params string[] parts) => Path.Combine([SharedData, .. parts]);

    /// <summary>A new empty folder under the system temp directory.</summary>
    public static string NewTempDirectory(string prefix = "rmbench-test")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RMBench.sln"))) return dir.FullName;
        throw new InvalidOperationException("RMBench.sln not found above " + AppContext.BaseDirectory);
    }
}
