using RMBench.Core.IO;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Reports;

/// <summary>The files of one run folder, as written by <see cref="RunReportWriter"/>.</summary>
/// <param name="OutcomesParquet">Null when no outcomes were given.</param>
public sealed record RunReportFiles(string RunJson, string ScoresParquet, string SummaryMarkdown, string? OutcomesParquet = null);

/// <summary>Writes a run's outputs: run.json, scores.parquet, outcomes.parquet (when outcomes are given) and summary.md, each atomically.</summary>
public static class RunReportWriter
{
    /// <summary>A runner's output: its results, scores and item outcomes.</summary>
    public static Task<RunReportFiles> WriteAllAsync(string runDirectory, RunOutput output, CancellationToken cancellationToken = default) =>
        WriteAllAsync(runDirectory, output.Result, output.Scores, output.Outcomes, cancellationToken);

    /// <summary>Without outcomes: run.json, scores.parquet and summary.md.</summary>
    public static Task<RunReportFiles> WriteAllAsync(string runDirectory, RunResult result, IReadOnlyList<ScoreRow> scores,
        CancellationToken cancellationToken = default) =>
        WriteAllAsync(runDirectory, result, scores, null, cancellationToken);

    /// <summary>
    /// Renders everything in memory first (a non-finite metric is refused before any file is touched), then
    /// writes scores.parquet, outcomes.parquet, summary.md and last run.json, each through a temporary file renamed
    /// into place. Existing files are replaced. run.json's "files" lists what was written.
    /// </summary>
    public static async Task<RunReportFiles> WriteAllAsync(string runDirectory, RunResult result, IReadOnlyList<ScoreRow> scores,
        IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>>? outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scores);

        result = result with
        {
            Files = outcomes is null
                ? [RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.SummaryMarkdown]
                : [RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.OutcomesParquet, RunFiles.SummaryMarkdown],
        };
        var json = RunJson.Serialize(result);
        var summary = SummaryMarkdown.Render(result);

        var directory = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(directory);
        var files = new RunReportFiles(
            Path.Combine(directory, RunFiles.RunJson),
            Path.Combine(directory, RunFiles.ScoresParquet),
            Path.Combine(directory, RunFiles.SummaryMarkdown),
            outcomes is null ? null : Path.Combine(directory, RunFiles.OutcomesParquet));

        await ScoresParquet.WriteAsync(files.ScoresParquet, scores, cancellationToken);
        if (outcomes is not null) await OutcomesParquet.WriteAsync(files.OutcomesParquet!, outcomes, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.SummaryMarkdown, summary, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.RunJson, json, cancellationToken);
        return files;
    }
}
