namespace RMBench.Core.Results;

/// <summary>
/// bench.json: the throughput and latency of one model in one load scenario, as plain data. Written by
/// `rmbench bench`, read by `rmbench leaderboard` (throughput columns). Serialised with <see cref="BenchJson"/>
/// (snake_case names, e.g. pairs_per_second, latency_p99_ms). Rates are per second, latencies in milliseconds;
/// a value the scenario does not measure is null.
/// </summary>
public sealed record BenchResult
{
    public int SchemaVersion { get; init; } = BenchJson.SchemaVersion;
    /// <summary>The model's <see cref="Models.ModelInfo.Id"/>; with <see cref="ModelDigest"/> it joins a bench to its runs.</summary>
    public required string ModelId { get; init; }
    public required string ModelDigest { get; init; }
    /// <summary>"offline", "single-stream" or "server".</summary>
    public required string Scenario { get; init; }
    /// <summary>Preference pairs (two scored requests) per second.</summary>
    public double? PairsPerSecond { get; init; }
    public double? TokensPerSecond { get; init; }
    public double? LatencyP50Ms { get; init; }
    public double? LatencyP90Ms { get; init; }
    public double? LatencyP99Ms { get; init; }
    /// <summary>Server scenario: the highest offered QPS whose p99 latency stayed within <see cref="LatencyBoundMs"/>.</summary>
    public double? PeakQps { get; init; }
    public double? LatencyBoundMs { get; init; }
    /// <summary>Where it ran, e.g. "cpu (16 cores)" or "cuda:0 NVIDIA H200".</summary>
    public required string Device { get; init; }
    public string? HarnessVersion { get; init; }
    public string? MeasuredAt { get; init; }
    /// <summary>Server: the offered rate of the reported figures (the peak when searching).</summary>
    public double? OfferedQps { get; init; }
    /// <summary>Server: whether p99 met <see cref="LatencyBoundMs"/> at <see cref="OfferedQps"/>.</summary>
    public bool? LatencyBoundMet { get; init; }
    /// <summary>Requests scored in the measured part (warmup excluded) and its length in seconds.</summary>
    public long? MeasuredRequests { get; init; }
    public double? MeasuredSeconds { get; init; }
    /// <summary>Server: requests still queued when an overloaded trial gave up.</summary>
    public long? UnservedRequests { get; init; }
    /// <summary>Server with --find-peak: every trial of the search, in order.</summary>
    public IReadOnlyList<Bench.PeakTrial>? PeakTrials { get; init; }
    public WorkloadCard? Workload { get; init; }
    public string? CommandLine { get; init; }
    /// <summary>With --raw-loop: the harness against a plain ONNX Runtime loop on identical batches.</summary>
    public RawLoopResult? RawLoop { get; init; }
}

/// <summary>bench.json <c>raw_loop</c>: the harness's scoring call against a plain loop on identical batches (see Bench/RawLoopComparison).</summary>
public sealed record RawLoopResult
{
    public int Batches { get; init; }
    public int Requests { get; init; }
    public int Rounds { get; init; }
    public double? PaddingEfficiency { get; init; }
    /// <summary>Medians over the rounds, seconds for the whole workload.</summary>
    public double PlainSeconds { get; init; }
    public double HarnessSeconds { get; init; }
    /// <summary>Median of plain / harness per round: above 1 the harness is faster than the plain loop.</summary>
    public double Ratio { get; init; }
}
