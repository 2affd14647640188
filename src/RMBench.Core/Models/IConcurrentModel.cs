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
