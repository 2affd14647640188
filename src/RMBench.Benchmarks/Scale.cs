using RMBench.Core.Requests;
using RMBench.DataGen.Large;

namespace RMBench.Benchmarks;

/// <summary>Input sizes: full for real measurements, tiny under `--job Dry` (CI only checks that every benchmark runs).</summary>
public static class Scale
{
    public static bool Dry { get; set; }

    /// <summary>Items for metrics + bootstrap and batch assembly (100k as in the issue; 2k dry).</summary>
    public static int Items => Dry ? 2_000 : 100_000;

    /// <summary>Pairs in the generated Parquet dataset.</summary>
    public static int ParquetPairs => Dry ? 2_000 : 100_000;

    /// <summary>Requests per tokenizer or template benchmark call.</summary>
    public static int Requests => Dry ? 50 : 2_000;

    public static int BootstrapResamples => Dry ? 20 : 1_000;

    /// <summary>The checkout (the folder holding RMBench.sln), found from the working directory or the binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RMBench.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Chosen answers of the large synthetic dataset as scoring requests (realistic length spread).</summary>
    public static IReadOnlyList<ScoringRequest> SampleRequests(int count)
    {
        var rows = new LargeDataset(count, LargeCommand.DefaultSeed);
        return rows.Select(r => new ScoringRequest("You are a helpful assistant.", [new Turn("user", r.Prompt)], r.Chosen[0])).ToList();
    }

    public static string NewTempDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rmbench-benchmarks", $"{name}-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
