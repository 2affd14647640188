using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Leaderboard;

/// <summary>
/// Real runs for leaderboard tests, made once per test class with the in-process CLI: the baselines length, random
/// and random:7 and a replay of random:7's scores, each on the bundled general suite (with sections) and an ad-hoc
/// pairs suite; plus runs of length and random on a hostile dataset (hostile subsets, ids, prompts, answers) and
/// copies of the hostile length run renamed to every hostile string (hostile model names and settings).
/// </summary>
public sealed class LeaderboardRuns : IAsyncLifetime
{
    public string Root { get; } = TestPaths.NewTempDirectory("rmbench-leaderboard");

    /// <summary>run.json files of the four clean runs: length, random, random:7, replay of random:7.</summary>
    public List<string> CleanRuns { get; } = [];

    /// <summary>run.json files of the hostile-dataset runs and the renamed copies.</summary>
    public List<string> HostileRuns { get; } = [];

    public string PairsDataset => Path.Combine(Root, "pairs.parquet");
    public string HostileDataset => Path.Combine(Root, "hostile.parquet");

    public async Task InitializeAsync()
    {
        await ParquetDatasetWriter.WriteAsync(PairsDataset, "pairwise", Datasets.Pairs(40));
        await ParquetDatasetWriter.WriteAsync(HostileDataset, "pairwise", HostileRows());

        string[] suites = ["--suite", "general", "--suite", PairsDataset, "--bootstrap", "200"];
        CleanRuns.Add(await RunAsync("length", "length", suites));
        CleanRuns.Add(await RunAsync("random", "random", suites));
        var seven = await RunAsync("random7", "random:7", suites);
        CleanRuns.Add(seven);
        CleanRuns.Add(await RunAsync("replay", "replay:" + Path.Combine(Path.GetDirectoryName(seven)!, RunFiles.ScoresParquet), suites));

        string[] hostile = ["--suite", HostileDataset, "--bootstrap", "100"];
        var hostileLength = await RunAsync("hostile-length", "length", hostile);
        HostileRuns.Add(hostileLength);
        HostileRuns.Add(await RunAsync("hostile-random", "random", hostile));
        var source = RunJson.Load(hostileLength);
        for (var k = 0; k < HostileStrings.All.Count; k++)
        {
            var folder = Path.Combine(Root, "renamed", k.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(Path.GetDirectoryName(hostileLength)!, RunFiles.ScoresParquet), Path.Combine(folder, RunFiles.ScoresParquet));
            var renamed = source with
            {
                Model = source.Model with
                {
                    Id = HostileStrings.All[k],
                    Backend = "onnx",
                    Digest = "sha256:" + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Settings = new Dictionary<string, string> { ["note"] = HostileStrings.All[k] },
                },
            };
            var path = Path.Combine(folder, RunFiles.RunJson);
            await RunJson.WriteAsync(path, renamed);
            HostileRuns.Add(path);
        }
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // a browser may still hold a file; the temp folder is cleaned by the OS
        return Task.CompletedTask;
    }

    private readonly Dictionary<string, Task<string>> _pages = [];

    /// <summary>Writes a leaderboard with the real CLI (once per name: tests share pages) and returns its path.</summary>
    public Task<string> LeaderboardAsync(string name, IEnumerable<string> runs)
    {
        lock (_pages)
        {
            if (!_pages.TryGetValue(name, out var page)) _pages[name] = page = WriteLeaderboardAsync(name, runs.ToList());
            return page;
        }
    }

    private async Task<string> WriteLeaderboardAsync(string name, IReadOnlyList<string> runs)
    {
        var output = Path.Combine(Root, name + ".html");
        var result = await Cli.Cli.RunAsync(["leaderboard", .. runs, "-o", output]);
        Assert.True(result.ExitCode == 0, result.All);
        return output;
    }

    private async Task<string> RunAsync(string outName, string model, string[] suites)
    {
        var outDir = Path.Combine(Root, outName);
        var result = await Cli.Cli.RunAsync(["run", "--model", model, "--out", outDir, "--no-cache", .. suites]);
        Assert.True(result.ExitCode == 0, result.All);
        return RunEndToEndTests.SingleRunJson(outDir);
    }

    /// <summary>
    /// Two rows per hostile string s: subset s, prompt and answers containing s, and a short chosen answer against a
    /// long rejected one, so the length baseline misses both and the page shows their texts.
    /// </summary>
    private static List<CanonicalRow> HostileRows() =>
        HostileStrings.All.SelectMany((s, k) => Enumerable.Range(0, 2).Select(j => new CanonicalRow
        {
            Id = $"h{k:D2}{j} {s}",
            Subset = s,
            Prompt = $"Prompt {k}.{j}: {s}",
            Chosen = [$"ok {s}"],
            Rejected = [$"{s} and a much longer rejected answer, padded so that it is longer than the chosen one " + new string('.', 40)],
        })).ToList();
}
