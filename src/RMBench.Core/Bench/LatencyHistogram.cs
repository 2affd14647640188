using HdrHistogram;

namespace RMBench.Core.Bench;

/// <summary>
/// Latencies in an HdrHistogram, in microseconds with 3 significant digits (exact below 2048 us, within
/// 0.1% above), up to one hour. Percentiles follow HdrHistogram: the smallest recorded value such that
/// at least p% of the values are at or below it.
/// </summary>
public sealed class LatencyHistogram
{
    private const long HighestMicroseconds = 3_600_000_000;
    private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(TimeSpan latency) => RecordMicroseconds((long)Math.Round(latency.TotalMicroseconds));

    /// <summary>Values are clamped to [1 us, 1 h]: a zero reading is below the clock's resolution, not free.</summary>
    public void RecordMicroseconds(long microseconds) => _histogram.RecordValue(Math.Clamp(microseconds, 1, HighestMicroseconds));

    public double PercentileMs(double percentile) => Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Count == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0;
}
