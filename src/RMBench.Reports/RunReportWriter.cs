using RMBench.Core.IO;
using RMBench.Core.Results;

namespace RMBench.Reports;

/// <summary>The files of one run folder, as written by <see cref="RunReportWriter"/>.</summary>
public sealed record RunReportFiles(string RunJson, string ScoresParquet, string SummaryMarkdown);

/// <summary>Writes a run's outputs: run.json, scores.parquet and summary.md, each atomically.</summary>
public static class RunReportWriter
{
    /// <summary>
    /// Renders everything in memory first (a non-finite metric is refused before any file is touched), then
    /// writes scores.parquet, summary.md and last run.json, each through a temporary file renamed into place.
    /// Existing files are replaced.
    /// </summary>
    public static async Task<RunReportFiles> WriteAllAsync(string runDirectory, RunResult result, IReadOnlyList<ScoreRow> scores,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scores);

        var json = RunJson.Serialize(result);
        var summary = SummaryMarkdown.Render(result);

        var directory = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(directory);
        var files = new RunReportFiles(
            Path.Combine(directory, RunFiles.RunJson),
            Path.Combine(directory, RunFiles.ScoresParquet),
            Path.Combine(directory, RunFiles.SummaryMarkdown));

        await ScoresParquet.WriteAsync(files.ScoresParquet, scores, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.SummaryMarkdown, summary, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.RunJson, json, cancellationToken);
        return files;
    }
}
