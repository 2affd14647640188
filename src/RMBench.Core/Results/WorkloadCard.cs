namespace RMBench.Core.Results;

/// <summary>
/// What a bench measured on, in bench.json ("workload") and on the console: the requests' length
/// distribution, truncation, how they were batched, where the model ran and where the time went.
/// </summary>
public sealed record WorkloadCard
{
    public required IReadOnlyList<string> Suites { get; init; }
    /// <summary>Unique requests of the suites (the workload is cycled when a scenario needs more).</summary>
    public required int UniqueRequests { get; init; }
    /// <summary>"tokens" when the model tokenizes (ITokenizingModel), else "characters".</summary>
    public required string LengthUnit { get; init; }
    public required LengthDistribution Length { get; init; }
    /// <summary>Requests cut to the model's maximum length.</summary>
    public required int Truncated { get; init; }
    /// <summary>E.g. "length-sorted batches of <= 32 rows and <= 16384 padded tokens".</summary>
    public required string BatchingPolicy { get; init; }
    public required string Threads { get; init; }
    public required string Device { get; init; }
    public required string ModelDigest { get; init; }
    /// <summary>Real tokens / padded tokens fed to the graph during the scenario (warmup included); null for models that do not pad.</summary>
    public double? PaddingEfficiency { get; init; }
    /// <summary>Seconds spent tokenizing and in inference over the whole bench (workload measurement, warmup and measured part); null when the model does not report stages.</summary>
    public double? TokenizationSeconds { get; init; }
    public double? InferenceSeconds { get; init; }
    /// <summary>Tokenization / (tokenization + inference).</summary>
    public double? TokenizationShare { get; init; }
    /// <summary>True for models scored over the network (a model reporting "endpoints" in its settings).</summary>
    public bool Remote { get; init; }
    /// <summary>The remote model's endpoints, credential-free; null in process.</summary>
    public string? Endpoints { get; init; }
    /// <summary>Batches in flight at once in the offline scenario (--concurrency, else the model's default).</summary>
    public int Concurrency { get; init; } = 1;
    public required double WarmupSeconds { get; init; }
    public required double DurationSeconds { get; init; }
    public required int Seed { get; init; }
}

/// <summary>Nearest-rank percentiles of the unique requests' lengths.</summary>
public sealed record LengthDistribution(int Min, int P50, int P90, int Max);
