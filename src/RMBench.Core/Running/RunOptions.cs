using RMBench.Core.Metrics;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>Settings of one run, validated by the CLI before the runner starts.</summary>
public sealed record RunOptions
{
    /// <summary>Root folder of outputs; runs go to OUT/runs/&lt;model&gt;/&lt;suites&gt;-&lt;timestamp&gt;/ (OUT itself when it is named "runs": <see cref="RunFolder.RunsDirectory"/>).</summary>
    public string OutputRoot { get; init; } = "reports";
    /// <summary>Score cache folder; null disables the cache.</summary>
    public string? CacheDirectory { get; init; } = Path.Combine("reports", "cache");
    public int BatchSize { get; init; } = 32;
    /// <summary>
    /// Token budget per batch for tokenizing models: rows x longest row stays within it (a single longer
    /// row is scored alone). Null = only the row cap. Ignored for models that do not tokenize.
    /// </summary>
    public int? BatchTokens { get; init; }
    /// <summary>
    /// Largest fraction of a batch's padded tokens that may be padding, for tokenizing models (a batch ends
    /// early rather than pad more); null = no bound. Scores do not depend on it, only batch shapes do.
    /// </summary>
    public double? MaxPadding { get; init; }
    /// <summary>
    /// Batches in flight at once; null = the model's <see cref="Models.IConcurrentModel.DefaultConcurrency"/>, or 1.
    /// Results are identical whatever the value: scores are judged and written in dataset order.
    /// </summary>
    public int? Concurrency { get; init; }
    public JudgingOptions Judging { get; init; } = new();
    public BootstrapOptions Bootstrap { get; init; } = new();
    /// <summary>Resume the latest unfinished run with the same model and requests, from its journal.</summary>
    public bool Resume { get; init; } = true;
    public int ModelSeed { get; init; } = 42;
    /// <summary>`--limit`: the suites were loaded as this subsample (recorded in run.json); null for a full run.</summary>
    public ItemSample? Sample { get; init; }
    public string CommandLine { get; init; } = "";
}

/// <summary>Progress of the scoring phase.</summary>
/// <param name="Scored">Requests done so far (scored, reused from journal or cache, or repeats), counting every item's requests.</param>
/// <param name="Total">All requests of the run's items (before deduplication).</param>
public sealed record RunProgress(int Scored, int Total, int FromCache, int FromJournal);
