using RMBench.Core.Models;
using RMBench.Core.Results;

namespace RMBench.Core.Running;

/// <summary>
/// Times the model calls of a run (thread-safe: concurrent batches count once, as wall time) and, for models that report padding, takes the difference of their
/// padding totals, so run.json can say requests/s, tokens/s and padding efficiency.
/// </summary>
internal sealed class ThroughputMeter(IRewardModel model)
{
    private readonly BusyClock _clock = new();
    private readonly Lock _counts = new();
    private readonly PaddingTotals? _paddingAtStart = (model as IThroughputReporting)?.Padding;
    private readonly (TimeSpan Encode, TimeSpan Inference)? _stagesAtStart = model is IStageTimings s ? (s.EncodeTime, s.InferenceTime) : null;
    private int _requests;
    private long? _tokens = 0;

    /// <summary>A batch goes to the model; the clock runs while at least one batch is in flight (wall time, not summed).</summary>
    public void Start() => _clock.Start();

    /// <param name="tokens">Real tokens of the batch, null when the model does not tokenize.</param>
    public void Stop(int requests, long? tokens)
    {
        _clock.Stop();
        lock (_counts)
        {
            _requests += requests;
            _tokens = _tokens is null || tokens is null ? null : _tokens + tokens;
        }
    }

    public ScoringThroughput? Result()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        if (_requests == 0 || seconds <= 0) return null;
        var padding = (model as IThroughputReporting)?.Padding - _paddingAtStart;
        var tokens = padding?.RealTokens ?? _tokens;
        return new ScoringThroughput
        {
            ScoringSeconds = seconds,
            Requests = _requests,
            RequestsPerSecond = _requests / seconds,
            Tokens = tokens,
            TokensPerSecond = tokens / seconds,
            PaddedTokens = padding?.PaddedTokens,
            PaddingEfficiency = padding is { PaddedTokens: > 0 } p ? (double)p.RealTokens / p.PaddedTokens : null,
            TokenizationSeconds = model is IStageTimings end && _stagesAtStart is { } start ? (end.EncodeTime - start.Encode).TotalSeconds : null,
            InferenceSeconds = model is IStageTimings stop && _stagesAtStart is { } begin ? (stop.InferenceTime - begin.Inference).TotalSeconds : null,
        };
    }
}
