using RMBench.Core.Errors;
using RMBench.Core.Results;

namespace RMBench.Reports.Export;

/// <summary>A run read for export: its run.json path and results.</summary>
public sealed record ExportRun(string RunJsonPath, RunResult Result)
{
    public string Folder => Path.GetDirectoryName(RunJsonPath)!;
}

/// <summary>
/// `rmbench export`: runs as long tables. <c>runs</c>: one row per run x suite x metric (every key of run.json's
/// metrics: headline, sections, "subset:NAME"...) with its interval; <c>suites</c>: one row per run x suite with the
/// headline and counts (a leaderboard as a table); <c>samples</c>: one row per judged item with its outcome and one
/// "score:ROLE" column per request role (outcomes.parquet and scores.parquet of the run folder).
/// </summary>
public static class RunExport
{
    public static readonly IReadOnlyList<string> Whats = ["runs", "suites", "samples"];

    /// <summary>
    /// Run folders, run.json files, or folders holding runs (every run.json below them, in path order). A folder
    /// under such a root without a run.json (a run that failed before writing one) is left out; given directly it is an error.
    /// </summary>
    public static IReadOnlyList<ExportRun> Load(IEnumerable<string> paths)
    {
        var runs = new List<ExportRun>();
        var problems = new List<InputProblem>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var files = Directory.Exists(full) && !File.Exists(Path.Combine(full, RunFiles.RunJson))
                ? Directory.EnumerateFiles(full, RunFiles.RunJson, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : [Directory.Exists(full) ? Path.Combine(full, RunFiles.RunJson) : full];
            if (files.Count == 0) problems.Add(new InputProblem(path, $"holds no {RunFiles.RunJson}"));
            foreach (var file in files)
            {
                try { runs.Add(new ExportRun(file, RunJson.Load(file))); }
                catch (InputException e) { problems.AddRange(e.Problems); }
            }
        }
        if (problems.Count > 0) throw new InputException(problems);
        return runs;
    }

    private static readonly string[] RunColumns = ["run", "model", "backend", "digest", "status", "sample_limit", "sample_seed", "started_at"];

    private static object?[] RunCells(ExportRun run) =>
    [
        run.Folder, run.Result.Model.Id, run.Result.Model.Backend, run.Result.Model.Digest, run.Result.Status,
        run.Result.Sample?.Limit, run.Result.Sample?.Seed, run.Result.Provenance.StartedAt,
    ];

    public static ExportTable Metrics(IReadOnlyList<ExportRun> runs)
    {
        var table = new ExportTable([.. RunColumns, "suite", "suite_status", "metric", "label", "headline", "value", "ci_low", "ci_high", "n"]);
        foreach (var run in runs)
            foreach (var suite in run.Result.Suites)
                foreach (var m in suite.Metrics)
                    table.Add([.. RunCells(run), suite.Name, suite.Status, m.Key, m.Label, m.Key == suite.Headline, m.Value, m.CiLow, m.CiHigh, m.N]);
        return table;
    }

    public static ExportTable Suites(IReadOnlyList<ExportRun> runs)
    {
        var table = new ExportTable([.. RunColumns, "suite", "suite_status", "headline", "value", "ci_low", "ci_high",
            "items", "requests", "ties", "invalid", "truncated", "unsupported", "status_note"]);
        foreach (var run in runs)
            foreach (var suite in run.Result.Suites)
            {
                var headline = suite.Metrics.FirstOrDefault(m => m.Key == suite.Headline);
                var c = suite.Counts;
                table.Add([.. RunCells(run), suite.Name, suite.Status, suite.Headline, headline?.Value, headline?.CiLow, headline?.CiHigh,
                    c.Items, c.Requests, c.Ties, c.Invalid, c.Truncated, c.Unsupported, suite.StatusNote]);
            }
        return table;
    }

    public static async Task<ExportTable> SamplesAsync(IReadOnlyList<ExportRun> runs, string? suiteFilter, CancellationToken cancellationToken)
    {
        var perRun = new List<(ExportRun Run, IReadOnlyDictionary<string, IReadOnlyList<Core.Suites.ItemOutcome>> Outcomes, ILookup<(string, string), ScoreRow> Scores)>();
        var problems = new List<InputProblem>();
        foreach (var run in runs)
        {
            try
            {
                var outcomes = await OutcomesTable.ReadAsync(Path.Combine(run.Folder, RunFiles.OutcomesParquet), cancellationToken);
                var scores = await ScoresTable.ReadAsync(Path.Combine(run.Folder, RunFiles.ScoresParquet), cancellationToken);
                perRun.Add((run, outcomes, scores.ToLookup(s => (s.Suite, s.Id))));
            }
            catch (InputException e) { problems.AddRange(e.Problems); }
        }
        if (problems.Count > 0) throw new InputException(problems);
        var roles = perRun.SelectMany(r => r.Scores.SelectMany(g => g))
            .Where(s => suiteFilter is null || s.Suite == suiteFilter)
            .Select(s => s.Role).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new ExportTable([.. RunColumns, "suite", "id", "subset", "cluster", "outcome", "ties", "invalid", .. roles.Select(r => "score:" + r)]);
        foreach (var (run, outcomes, scores) in perRun)
            foreach (var (suite, items) in outcomes)
            {
                if (suiteFilter is not null && suite != suiteFilter) continue;
                foreach (var item in items)
                {
                    var byRole = scores[(suite, item.Id)].ToDictionary(s => s.Role, s => (object?)s.Score, StringComparer.Ordinal);
                    table.Add([.. RunCells(run), suite, item.Id, item.Subset, item.Cluster, item.Value, item.Ties, item.Invalid,
                        .. roles.Select(r => byRole.GetValueOrDefault(r))]);
                }
            }
        return table;
    }
}
