namespace RMBench.Core.Models;

/// <summary>
/// Optional for models that can take several batches at once (remote servers and their replicas): the runner
/// keeps up to <see cref="DefaultConcurrency"/> batches in flight unless `--concurrency` says otherwise.
/// Models without it get one batch at a time. <see cref="IRewardModel.ScoreAsync"/> must then be thread-safe.
/// </summary>
public interface IConcurrentModel
{
    int DefaultConcurrency { get; }
}

/// <summary>How many batches a caller (runner, bench, serve's batcher) keeps in flight for a model.</summary>
public static class ModelConcurrency
{
    /// <summary>The requested count (`--concurrency`), else the model's <see cref="IConcurrentModel.DefaultConcurrency"/> (at least 1), else 1.</summary>
    public static int Of(object model, int? requested = null) => requested ?? Math.Max(1, (model as IConcurrentModel)?.DefaultConcurrency ?? 1);
}
