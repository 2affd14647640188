using System.Globalization;
using System.Text;

namespace RMBench.Core.Running;

/// <summary>Names and finds run folders: OUT/runs/&lt;model&gt;/&lt;suite-set&gt;-&lt;yyyyMMdd-HHmmss&gt;/ (OUT/&lt;model&gt;/... when OUT is named "runs").</summary>
public static class RunFolder
{
    public const string JournalFile = "journal.jsonl";

    public static string SuiteSetName(IEnumerable<string> suiteNames)
    {
        var names = suiteNames.Order(StringComparer.Ordinal).ToList();
        var joined = string.Join("+", names);
        return Sanitize(joined.Length <= 60 ? joined : $"{names.Count}-suites");
    }

    /// <summary>
    /// The folder run folders go in for an output root: OUT/runs, or OUT itself when it is already a folder named
    /// "runs" (`--out runs`, `--out reports/runs`), so that no runs/runs/ appears.
    /// </summary>
    public static string RunsDirectory(string outputRoot) =>
        NamedRuns(outputRoot) ? outputRoot : Path.Combine(outputRoot, "runs");

    /// <summary>The folder beside the runs (score cache, gate reports): OUT, or the parent of an OUT named "runs".</summary>
    public static string ReportsRoot(string outputRoot) =>
        NamedRuns(outputRoot) ? Path.GetDirectoryName(Path.GetFullPath(outputRoot)) ?? outputRoot : outputRoot;

    /// <summary>The score cache of an output root: beside the runs (<see cref="ReportsRoot"/>/cache), never among them.</summary>
    public static string CacheDirectory(string outputRoot) => Path.Combine(ReportsRoot(outputRoot), "cache");

    private static bool NamedRuns(string outputRoot) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(outputRoot)) == "runs";

    public static string NewPath(string outputRoot, string modelId, string suiteSet, DateTimeOffset now)
    {
        var parent = Path.Combine(RunsDirectory(outputRoot), Sanitize(modelId));
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(parent, $"{suiteSet}-{stamp}");
        for (var n = 2; Directory.Exists(path); n++) path = Path.Combine(parent, $"{suiteSet}-{stamp}-{n}");
        return path;
    }

    /// <summary>
    /// The newest run folder for this model and suite set whose journal has the given header and was
    /// not marked complete: the run to resume.
    /// </summary>
    public static string? FindUnfinished(string outputRoot, string modelId, string suiteSet, string journalHeader)
    {
        var parent = Path.Combine(RunsDirectory(outputRoot), Sanitize(modelId));
        if (!Directory.Exists(parent)) return null;
        return Directory.EnumerateDirectories(parent, suiteSet + "-*")
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault(d => ScoreLog.ReadHeader(Path.Combine(d, JournalFile)) == journalHeader && !ScoreLog.IsComplete(Path.Combine(d, JournalFile)));
    }

    /// <summary>
    /// A cache-only rerun (complete, every score from the score cache: no model call, nothing from a journal) whose
    /// results equal those of a finished run of the same model and requests in the same model folder adds nothing: its
    /// new folder is deleted and the finished run is kept (returned with <see cref="RunOutput.Reused"/> set). Otherwise
    /// null, and the new run stands. Compared: the journal header (model identity and request fingerprint) and every
    /// suite result as run.json writes it (metrics, intervals, subsets, counts, dataset sha256), so a different seed,
    /// bootstrap count or tie policy is a new run.
    /// </summary>
    public static RunOutput? ReuseIdenticalFinished(RunOutput output)
    {
        var counts = output.Result.Counts;
        if (output.Resumed || output.Result.Status != "complete" || counts.ModelCalls != 0 || counts.FromJournal != 0 || counts.FromCache == 0)
            return null;
        var header = ScoreLog.ReadHeader(Path.Combine(output.Directory, JournalFile));
        var parent = Path.GetDirectoryName(Path.GetFullPath(output.Directory));
        if (header is null || parent is null) return null;
        var suites = System.Text.Json.JsonSerializer.Serialize(output.Result.Suites, Results.RunJson.Options);
        var self = Path.GetFullPath(output.Directory);
        var same = Directory.EnumerateDirectories(parent)
            .Where(d => Path.GetFullPath(d) != self)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault(d => IsFinishedWith(d, header) && SameSuites(d, suites));
        if (same is null) return null;
        Directory.Delete(output.Directory, recursive: true);
        return output with { Directory = same, Reused = true };
    }

    private static bool IsFinishedWith(string directory, string header)
    {
        var journal = Path.Combine(directory, JournalFile);
        return File.Exists(Path.Combine(directory, Results.RunFiles.RunJson)) && ScoreLog.ReadHeader(journal) == header && ScoreLog.IsComplete(journal);
    }

    private static bool SameSuites(string directory, string suites)
    {
        try
        {
            var earlier = Results.RunJson.Load(directory);
            return earlier.Status == "complete" && System.Text.Json.JsonSerializer.Serialize(earlier.Suites, Results.RunJson.Options) == suites;
        }
        catch (Errors.InputException) { return false; } // an unreadable run.json is no run to keep instead
    }

    /// <summary>Keeps letters, digits, '-', '_', '+', '.'; everything else becomes '_'.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '.' ? c : '_');
        var result = builder.ToString().Trim('.');
        return result.Length == 0 ? "_" : result;
    }
}
