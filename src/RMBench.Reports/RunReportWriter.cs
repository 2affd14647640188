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
    /// <summary>
    /// A runner's output: summary.md and run.json beside the scores.parquet and outcomes.parquet the runner
    /// already wrote into <paramref name="runDirectory"/>.
    /// </summary>
    public static Task<RunReportFiles> WriteAllAsync(string runDirectory, RunOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(output);
        return WriteTextsAsync(runDirectory, Render(output.Result, withOutcomes: true), cancellationToken);
    }

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
        var rendered = Render(result, withOutcomes: outcomes is not null);
        var directory = Path.GetFullPath(runDirectory);
        await ScoresParquet.WriteAsync(Path.Combine(directory, RunFiles.ScoresParquet), scores, cancellationToken);
        if (outcomes is not null) await OutcomesParquet.WriteAsync(Path.Combine(directory, RunFiles.OutcomesParquet), outcomes, cancellationToken);
        return await WriteTextsAsync(directory, rendered, cancellationToken);
    }

    /// <summary>run.json and summary.md of a result whose "files" list the run folder's files.</summary>
    private sealed record Rendered(string Json, string Summary, bool WithOutcomes);

    private static Rendered Render(RunResult result, bool withOutcomes)
    {
        result = result with
        {
            Files = !withOutcomes
                ? [RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.SummaryMarkdown]
                : [RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.OutcomesParquet, RunFiles.SummaryMarkdown],
        };
        return new Rendered(RunJson.Serialize(result), SummaryMarkdown.Render(result), withOutcomes);
    }

    private static async Task<RunReportFiles> WriteTextsAsync(string runDirectory, Rendered rendered, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(directory);
        var files = new RunReportFiles(
            Path.Combine(directory, RunFiles.RunJson),
            Path.Combine(directory, RunFiles.ScoresParquet),
            Path.Combine(directory, RunFiles.SummaryMarkdown),
            rendered.WithOutcomes ? Path.Combine(directory, RunFiles.OutcomesParquet) : null);

        await AtomicFile.WriteAllTextAsync(files.SummaryMarkdown, rendered.Summary, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.RunJson, rendered.Json, cancellationToken);
        return files;
    }
}
