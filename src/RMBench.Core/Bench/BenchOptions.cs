namespace RMBench.Core.Bench;

/// <summary>The load scenarios of `rmbench bench`, after MLPerf Inference LoadGen.</summary>
public enum BenchScenario
{
    /// <summary>All requests available at once, scored in length-sorted batches: throughput.</summary>
    Offline,
    /// <summary>One request after another, each alone: latency of a single caller.</summary>
    SingleStream,
    /// <summary>Open-loop Poisson arrivals at a rate, dynamically batched: tail latency under load.</summary>
    Server,
}

/// <summary>Settings of one `rmbench bench` invocation.</summary>
public sealed record BenchOptions
{
    public BenchScenario Scenario { get; init; } = BenchScenario.Offline;
    /// <summary>Server: offered queries (requests) per second; with <see cref="FindPeak"/> the first rate tried.</summary>
    public double Qps { get; init; } = 10;
    /// <summary>Measured time per scenario (per trial when searching the peak); at least one request or batch is always measured.</summary>
    public double DurationSeconds { get; init; } = 10;
    /// <summary>Time before the measured part whose requests are scored but not counted.</summary>
    public double WarmupSeconds { get; init; } = 2;
    public double LatencyBoundMs { get; init; } = 100;
    public bool FindPeak { get; init; }
    public int BatchSize { get; init; } = 32;
    public int BatchTokens { get; init; } = 16384;
    /// <summary>Seed of the Poisson schedule and of the offline batch order.</summary>
    public int Seed { get; init; } = 1234;
    public string? CommandLine { get; init; }
    /// <summary>Offline: batches in flight; null = the model's <see cref="Models.IConcurrentModel.DefaultConcurrency"/>, or 1.</summary>
    public int? Concurrency { get; init; }
    /// <summary>Padding bound of the runner's batches (--max-padding), used by <see cref="RawLoopComparison"/>.</summary>
    public double? MaxPadding { get; init; } = 0.02;
    /// <summary>Rounds of the --raw-loop comparison; 0 = not run.</summary>
    public int RawLoopRounds { get; init; }

    public int ConcurrencyFor(Models.IRewardModel model) => Models.ModelConcurrency.Of(model, Concurrency);

    public static string Name(BenchScenario scenario) => scenario switch
    {
        BenchScenario.Offline => "offline",
        BenchScenario.SingleStream => "single-stream",
        _ => "server",
    };
}
