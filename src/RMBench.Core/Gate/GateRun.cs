using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Gate;

/// <summary>One side of a gate: a run's results and its item outcomes per suite.</summary>
/// <param name="Source">Where the run was read from (its run.json), named in messages.</param>
public sealed record GateRun(string Source, RunResult Result, IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>> Outcomes)
{
    /// <summary>
    /// Reads RUN.json (or a run folder) and the outcomes.parquet beside it. A run folder written before
    /// outcomes.parquet existed is invalid input with a hint: rerun it (the score cache makes that cheap).
    /// </summary>
    public static async Task<GateRun> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = RunJson.Load(path);
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        var runJson = Directory.Exists(full) ? Path.Combine(full, RunFiles.RunJson) : full;
        var outcomesPath = Path.Combine(folder, RunFiles.OutcomesParquet);
        if (!File.Exists(outcomesPath))
            throw new InputException(outcomesPath,
                $"file not found: the gate pairs item outcomes, which this run folder does not have (written by an older RMBench?); " +
                "rerun the run (scores come from the cache, or use --model replay:scores.parquet)");
        var outcomes = await OutcomesTable.ReadAsync(outcomesPath, cancellationToken);
        return new GateRun(runJson, result, outcomes);
    }

    public GateRunInfo Describe() => new(Source, Result.Model.Id, Result.Model.Backend, Result.Model.Digest,
        Result.Provenance.HarnessVersion, Result.Provenance.GitCommit, Result.Provenance.Ties);
}
