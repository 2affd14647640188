namespace RMBench.Core.Models;

/// <summary>
/// Optional for models with a separate tokenization step: cumulative time spent encoding requests and
/// running the model since creation. `rmbench bench` takes differences to report the share of time in
/// tokenization vs inference on the workload card.
/// </summary>
public interface IStageTimings
{
    TimeSpan EncodeTime { get; }
    TimeSpan InferenceTime { get; }
}
