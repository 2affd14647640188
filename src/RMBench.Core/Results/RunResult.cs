using System.Text.Json.Serialization;
using RMBench.Core.Models;

namespace RMBench.Core.Results;

/// <summary>
/// Everything a run produced, as plain data: run.json is this object serialised; every report (Markdown,
/// HTML, JUnit, gate) is a view over it and scores.parquet.
/// </summary>
public sealed record RunResult
{
    public int SchemaVersion { get; init; } = 1;
    /// <summary>"complete" or "partial".</summary>
    public required string Status { get; init; }
    /// <summary>Why a partial run stopped (interrupted, or the model became unavailable); null when complete.</summary>
    public string? StatusNote { get; init; }
    public required ModelInfo Model { get; init; }
    public required IReadOnlyList<SuiteResult> Suites { get; init; }
    public required Provenance Provenance { get; init; }
    public required RunCounts Counts { get; init; }
    /// <summary>Speed of the scoring phase of this run; null when nothing was scored by the model.</summary>
    public ScoringThroughput? Throughput { get; init; }
    /// <summary>The files of the run folder written together with this run.json (names relative to the folder).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>Counters the model reported (<see cref="IModelCounters"/>); absent from run.json when the model reports none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? ModelCounters { get; init; }
    /// <summary>An ensemble's members and their agreement per suite; absent from run.json for other models.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnsembleReport? Ensemble { get; init; }
    /// <summary>`--limit`: the run scored this seeded subsample of each suite; absent from run.json for a full run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Suites.ItemSample? Sample { get; init; }
}

/// <summary>What run.json records of an ensemble: how it combines, and each member's identity.</summary>
/// <param name="Combine">"mean", "min" or "uwo:LAMBDA".</param>
/// <param name="Standardised">Whether member scores were standardised (z-scores over the run's requests) before combining.</param>
public sealed record EnsembleReport(string Combine, bool Standardised, IReadOnlyList<EnsembleMember> Members)
{
    /// <summary>Pairwise agreement of the members on each suite.</summary>
    public IReadOnlyList<EnsembleAgreement> Agreement { get; init; } = [];
}

/// <param name="Spec">The member's SPEC as given.</param>
/// <param name="Mean">Mean of the member's finite raw scores over the run's requests (the standardisation's centre).</param>
/// <param name="Std">Their population standard deviation (the scale; 1 when it is 0).</param>
public sealed record EnsembleMember(string Spec, ModelInfo Model, double Mean, double Std, int Requests);

/// <summary>
/// Agreement of members A and B (indexes into Members) on a suite: the mean over items of 1 - |outcome_A - outcome_B|,
/// each outcome judged by the suite's kind from that member's raw scores alone (for pairs: the share of pairs on
/// which both prefer the same side).
/// </summary>
public sealed record EnsembleAgreement(string Suite, int A, int B, double Agreement, int Items);

/// <summary>How fast the model scored, over the batches sent to it in this run (cache and journal hits excluded).</summary>
public sealed record ScoringThroughput
{
    /// <summary>Wall-clock seconds spent in the model's ScoreAsync calls.</summary>
    public double ScoringSeconds { get; init; }
    public int Requests { get; init; }
    public double RequestsPerSecond { get; init; }
    /// <summary>Real tokens scored (tokenizing models), else null.</summary>
    public long? Tokens { get; init; }
    public double? TokensPerSecond { get; init; }
    /// <summary>Tokens fed including padding (models that report padding), else null.</summary>
    public long? PaddedTokens { get; init; }
    /// <summary>Real tokens / padded tokens over all batches (1 = no padding).</summary>
    public double? PaddingEfficiency { get; init; }
    /// <summary>Models with stage timings: seconds spent tokenizing (summed over threads: the runner tokenizes on every core) and in inference calls.</summary>
    public double? TokenizationSeconds { get; init; }
    public double? InferenceSeconds { get; init; }
}

public sealed record RunCounts
{
    /// <summary>Requests over all items (before de-duplication).</summary>
    public int Requests { get; init; }
    public int UniqueRequests { get; init; }
    /// <summary>Unique requests sent to the model in this run.</summary>
    public int ModelCalls { get; init; }
    public int FromCache { get; init; }
    public int FromJournal { get; init; }
    public int Invalid { get; init; }
    public int Batches { get; init; }
}

public sealed record Provenance
{
    public required string HarnessVersion { get; init; }
    public string? GitCommit { get; init; }
    public required string StartedAt { get; init; }
    public required string FinishedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required int BootstrapSeed { get; init; }
    public required int BootstrapResamples { get; init; }
    public required int ModelSeed { get; init; }
    /// <summary>"strict" or "half".</summary>
    public required string Ties { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Token budget per batch (tokenizing models), null when none.</summary>
    public int? BatchTokens { get; init; }
    public string ExecutionProvider { get; init; } = "cpu";
    /// <summary>Batches the model had in flight at once (remote models; onnx on the CPU: one per physical core by default).</summary>
    public int Concurrency { get; init; } = 1;
    public string CommandLine { get; init; } = "";
}

public sealed record MachineInfo(string Os, string Architecture, int ProcessorCount, string Runtime, string HostName);

public sealed record SuiteResult
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Anchor { get; init; } = "";
    public required IReadOnlyList<string> Kinds { get; init; }
    public required IReadOnlyList<DatasetInfo> Datasets { get; init; }
    /// <summary>Key of the headline metric in <see cref="Metrics"/>.</summary>
    public required string Headline { get; init; }
    /// <summary>The suite's section definition (section -> subset -> weight or null), when it has one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>>? Sections { get; init; }
    /// <summary>All metric values with bootstrap 95% intervals, keyed e.g. "accuracy", "macro", "subset:x", "section:Chat", "overall".</summary>
    public required IReadOnlyList<MetricResult> Metrics { get; init; }
    public required IReadOnlyList<SubsetResult> Subsets { get; init; }
    public required SuiteCounts Counts { get; init; }
    /// <summary><see cref="SuiteStatus.Scored"/>, or <see cref="SuiteStatus.Unsupported"/> when the model can take none of the suite's items (no metrics then).</summary>
    public string Status { get; init; } = SuiteStatus.Scored;
    /// <summary>Why items were left out (e.g. they need images and the model takes text only); null when none were.</summary>
    public string? StatusNote { get; init; }
    /// <summary>What a generative judge spent on this suite (judge backends only; null otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public JudgeUsage? Judge { get; init; }
}

/// <summary>A generative judge's calls and tokens for one suite, as the server reported them.</summary>
public sealed record JudgeUsage
{
    public int Judgments { get; init; }
    /// <summary>HTTP calls (follow-up turns included; retries not).</summary>
    public int Requests { get; init; }
    public int Unparsed { get; init; }
    public int LogprobFallbacks { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    /// <summary>From --price-per-mtok IN,OUT (per million prompt / completion tokens); null without it.</summary>
    public double? EstimatedCost { get; init; }
}

/// <summary>Values of <see cref="SuiteResult.Status"/>.</summary>
public static class SuiteStatus
{
    public const string Scored = "scored";
    /// <summary>The model lacks a capability every item needs (e.g. images): nothing was scored, no metric is reported.</summary>
    public const string Unsupported = "unsupported";
}

public sealed record DatasetInfo(string Path, string Sha256, int Rows, string Kind);

/// <param name="Label">Human label, e.g. "Accuracy (micro: all items)".</param>
public sealed record MetricResult(string Key, string Label, double Value, double CiLow, double CiHigh, int N);

public sealed record SubsetResult(string Name, string? Section, int Items, double Accuracy, double CiLow, double CiHigh, int Ties, int Invalid);

public sealed record SuiteCounts
{
    public int Items { get; init; }
    public int Requests { get; init; }
    public int Ties { get; init; }
    public int Invalid { get; init; }
    /// <summary>Item requests the model cut to its maximum length (tokenizing backends).</summary>
    public int Truncated { get; init; }
    /// <summary>Items whose context the suite cut to its budget (e.g. RAG documents over the token budget).</summary>
    public int TruncatedContext { get; init; }
    /// <summary>Items left out because the model lacks a capability they need (e.g. images for a text-only model).</summary>
    public int Unsupported { get; init; }
}
