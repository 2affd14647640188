using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.Results;

namespace RMBench.Reports.Leaderboard;

/// <summary>One run for the leaderboard: its run.json and, when present beside it, its scores.parquet.</summary>
/// <param name="Scores">Null when the run folder has no scores.parquet (the page says so).</param>
public sealed record LeaderboardRun(string RunJsonPath, RunResult Result, IReadOnlyList<ScoreRow>? Scores)
{
    public string Folder => Path.GetDirectoryName(RunJsonPath)!;
    public string ScoresPath => Path.Combine(Folder, RunFiles.ScoresParquet);
}

/// <summary>Everything the leaderboard is built from.</summary>
public sealed record LeaderboardInputs(IReadOnlyList<LeaderboardRun> Runs, IReadOnlyList<BenchResult> Bench)
{
    /// <summary>
    /// Reads the command's arguments: run.json files, run folders (their run.json, plus a bench.json beside it)
    /// and bench.json files (recognised by content: a JSON object with a "scenario"). Every unreadable or invalid
    /// file is reported, together, as an <see cref="InputException"/> naming it. Globs are the shell's job.
    /// </summary>
    public static async Task<LeaderboardInputs> LoadAsync(IEnumerable<string> paths, IEnumerable<string> benchPaths, CancellationToken cancellationToken = default)
    {
        var runs = new List<LeaderboardRun>();
        var bench = new List<BenchResult>();
        var problems = new List<InputProblem>();

        async Task Guard(Func<Task> load)
        {
            try { await load(); }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }

        foreach (var path in paths)
            await Guard(async () =>
            {
                if (Directory.Exists(path))
                {
                    runs.Add(await LoadRunAsync(RunJson.Load(path), Path.Combine(Path.GetFullPath(path), RunFiles.RunJson), cancellationToken));
                    var besideRun = Path.Combine(path, BenchJson.FileName);
                    if (File.Exists(besideRun)) bench.AddRange(BenchJson.Load(besideRun));
                    return;
                }
                var text = ReadText(path);
                if (IsBench(text)) bench.AddRange(BenchJson.Parse(text, path));
                else runs.Add(await LoadRunAsync(RunJson.Parse(text, path), Path.GetFullPath(path), cancellationToken));
            });
        foreach (var path in benchPaths)
            await Guard(() => { bench.AddRange(BenchJson.Load(path)); return Task.CompletedTask; });

        if (problems.Count > 0) throw new InputException(problems);
        if (runs.Count == 0) throw new InputException("leaderboard", "needs at least one run.json or run folder");
        return new LeaderboardInputs(runs, bench);
    }

    private static async Task<LeaderboardRun> LoadRunAsync(RunResult result, string runJsonPath, CancellationToken cancellationToken)
    {
        var scoresPath = Path.Combine(Path.GetDirectoryName(runJsonPath)!, RunFiles.ScoresParquet);
        var scores = File.Exists(scoresPath) ? await ScoresTable.ReadAsync(scoresPath, cancellationToken) : null;
        return new LeaderboardRun(runJsonPath, result, scores);
    }

    private static string ReadText(string path)
    {
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot be read: {e.Message}");
        }
    }

    private static bool IsBench(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return BenchJson.LooksLikeBench(document.RootElement);
        }
        catch (JsonException)
        {
            return false; // RunJson.Parse reports the syntax error with the file name
        }
    }
}
