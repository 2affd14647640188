using System.Text.Json;
using System.Text.Json.Serialization;

namespace RMBench.Core.Gate;

/// <summary>A gate's verdict; the CLI's exit code is <see cref="GateDecisions.ExitCode"/>.</summary>
[JsonConverter(typeof(GateDecisionJsonConverter))]
public enum GateDecision { Pass, Fail, Inconclusive }

public static class GateDecisions
{
    /// <summary>0 pass, 1 fail, 2 inconclusive (the documented exit codes).</summary>
    public static int ExitCode(this GateDecision decision) => decision switch
    {
        GateDecision.Pass => Errors.ExitCodes.Ok,
        GateDecision.Fail => Errors.ExitCodes.GateFail,
        _ => Errors.ExitCodes.GateInconclusive,
    };

    /// <summary>"PASS", "FAIL" or "INCONCLUSIVE", as written in every gate report.</summary>
    public static string Text(this GateDecision decision) => decision.ToString().ToUpperInvariant();
}

/// <summary>Writes decisions as "PASS", "FAIL", "INCONCLUSIVE".</summary>
public sealed class GateDecisionJsonConverter() : JsonStringEnumConverter<GateDecision>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false);

/// <summary>
/// What `rmbench gate` decided and why, as plain data: gate.json is this object serialised; junit.xml and
/// gate.md are views over it. Differences are candidate - baseline, as proportions (0.01 = 1 point).
/// </summary>
public sealed record GateResult
{
    public int SchemaVersion { get; init; } = 1;
    [JsonConverter(typeof(GateDecisionJsonConverter))]
    public required GateDecision Decision { get; init; }
    public required int ExitCode { get; init; }
    /// <summary>The decision rule in words (the same text as the README's).</summary>
    public required string Rule { get; init; }
    public required GateSettings Settings { get; init; }
    public required GateRunInfo Baseline { get; init; }
    public required GateRunInfo Candidate { get; init; }
    public required IReadOnlyList<SuiteGate> Suites { get; init; }
    /// <summary>Suites present in only one run: not gated.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <param name="Margin">Non-inferiority margin as a proportion (margin_points / 100).</param>
/// <param name="IntervalLevel">Coverage of the reported intervals: 1 - 2 alpha (two one-sided alpha-level bounds).</param>
/// <param name="MinBootstrapClusters">Prompts a bootstrap-based PASS or FAIL needs at least (see <see cref="GateEvaluator"/>).</param>
public sealed record GateSettings(double MarginPoints, double Margin, double Alpha, double MaxInvalid, int BootstrapSeed, int BootstrapResamples,
    double IntervalLevel, int MinBootstrapClusters, string Correction = "holm");

public sealed record GateRunInfo(string Run, string ModelId, string Backend, string Digest, string HarnessVersion, string? GitCommit, string Ties);

/// <summary>One suite's comparison.</summary>
/// <param name="Metric">Key of the gated metric in run.json (the suite's headline).</param>
/// <param name="Method">"exact-unconditional" (binary outcomes, micro accuracy) or "paired-bootstrap".</param>
/// <param name="PNonInferiority">Raw p-value of H0: d &lt;= -margin (small: non-inferiority shown).</param>
/// <param name="PInferiority">Raw p-value of H0: d &gt;= -margin (small: worse than the margin).</param>
/// <param name="PMcnemar">Classic two-sided exact McNemar p-value (no margin), binary suites only; informational.</param>
public sealed record SuiteGate
{
    public required string Name { get; init; }
    public required string Metric { get; init; }
    public required string MetricLabel { get; init; }
    public required string Method { get; init; }
    public required int Items { get; init; }
    public required int Clusters { get; init; }
    public required double BaselineValue { get; init; }
    public required double CandidateValue { get; init; }
    public required double Difference { get; init; }
    public required double CiLow { get; init; }
    public required double CiHigh { get; init; }
    public required double PNonInferiority { get; init; }
    public required double PNonInferiorityHolm { get; init; }
    public required double PInferiority { get; init; }
    public required double PInferiorityHolm { get; init; }
    public double? PMcnemar { get; init; }
    /// <summary>Binary suites: items the baseline got right and the candidate wrong, and the reverse.</summary>
    public int? Losses { get; init; }
    public int? Wins { get; init; }
    /// <summary>Bootstrap suites: resamples with a finite difference.</summary>
    public int? Resamples { get; init; }
    public required int BaselineInvalid { get; init; }
    public required int CandidateInvalid { get; init; }
    public required int BaselineTies { get; init; }
    public required int CandidateTies { get; init; }
    [JsonConverter(typeof(GateDecisionJsonConverter))]
    public required GateDecision Decision { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>Per-subset mean outcomes (informational, not tested).</summary>
    public required IReadOnlyList<SubsetGate> Subsets { get; init; }
}

public sealed record SubsetGate(string Name, int Items, double Baseline, double Candidate, double Difference);
