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
    /// <summary>Run folders left out because their run has not finished (a journal, no run.json yet): one line each.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>
    /// Reads the command's arguments: run.json files, run folders (their run.json, plus a bench.json beside it)
    /// and bench.json files (recognised by content: a JSON object with a "scenario"). A run folder with a journal but no
    /// run.json is a run that has not finished (killed or still going; the same command resumes it): it is skipped
    /// and listed in <see cref="Skipped"/>, so that the documented glob `reports/runs/*/*` keeps working. Every
    /// unreadable or invalid file, and a folder that is no run at all, is reported, together, as an
    /// <see cref="InputException"/> naming it. Globs are the shell's job.
    /// </summary>
    public static async Task<LeaderboardInputs> LoadAsync(IEnumerable<string> paths, IEnumerable<string> benchPaths, CancellationToken cancellationToken = default)
    {
        var runs = new List<LeaderboardRun>();
        var bench = new List<BenchResult>();
        var problems = new List<InputProblem>();
        var skipped = new List<string>();

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
                    if (IsUnfinishedRun(path))
                    {
                        skipped.Add($"{path}: skipped, the run has not finished (no {RunFiles.RunJson} yet); rerun the same command to resume it.");
                        return;
                    }
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
        if (runs.Count == 0)
            throw new InputException("leaderboard", skipped.Count == 0
                ? "needs at least one run.json or run folder"
                : $"needs at least one finished run; every run folder given is unfinished ({string.Join(" ", skipped)})");
        return new LeaderboardInputs(runs, bench) { Skipped = skipped };
    }

    private static async Task<LeaderboardRun> LoadRunAsync(RunResult result, string runJsonPath, CancellationToken cancellationToken)
    {
        var scoresPath = Path.Combine(Path.GetDirectoryName(runJsonPath)!, RunFiles.ScoresParquet);
        var scores = File.Exists(scoresPath) ? await ScoresTable.ReadAsync(scoresPath, cancellationToken) : null;
        return new LeaderboardRun(runJsonPath, result, scores);
    }

    private static bool IsUnfinishedRun(string folder) =>
        !File.Exists(Path.Combine(folder, RunFiles.RunJson)) && File.Exists(Path.Combine(folder, Core.Running.RunFolder.JournalFile));

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
