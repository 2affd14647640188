using System.Globalization;
using System.Text;

namespace RMBench.Core.Running;

/// <summary>Names and finds run folders: OUT/runs/&lt;model&gt;/&lt;suite-set&gt;-&lt;yyyyMMdd-HHmmss&gt;/.</summary>
public static class RunFolder
{
    public const string JournalFile = "journal.jsonl";

    public static string SuiteSetName(IEnumerable<string> suiteNames)
    {
        var names = suiteNames.Order(StringComparer.Ordinal).ToList();
        var joined = string.Join("+", names);
        return Sanitize(joined.Length <= 60 ? joined : $"{names.Count}-suites");
    }

    public static string NewPath(string outputRoot, string modelId, string suiteSet, DateTimeOffset now)
    {
        var parent = Path.Combine(outputRoot, "runs", Sanitize(modelId));
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
        var parent = Path.Combine(outputRoot, "runs", Sanitize(modelId));
        if (!Directory.Exists(parent)) return null;
        return Directory.EnumerateDirectories(parent, suiteSet + "-*")
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault(d => ScoreLog.ReadHeader(Path.Combine(d, JournalFile)) == journalHeader && !ScoreLog.IsComplete(Path.Combine(d, JournalFile)));
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
