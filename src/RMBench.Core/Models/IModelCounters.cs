namespace RMBench.Core.Models;

/// <summary>
/// Optional for models that count events of a run which are not errors but must not pass silently (onnx-lm's
/// requests whose prompt tokens are not a prefix of the whole sequence's). The runner copies them into run.json
/// (<c>model_counters</c>); they are read after the run, so they cover every request the model measured or scored.
/// </summary>
public interface IModelCounters
{
    IReadOnlyDictionary<string, long> Counters { get; }
}
