using RMBench.Core.Bench;

namespace RMBench.Tests.Bench;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_one_to_a_thousand_microseconds_are_the_nearest_ranks()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1000; us >= 1; us--) histogram.RecordMicroseconds(us); // order must not matter
        // Nearest rank of 1..1000: p50 is the 500th value, p90 the 900th, p99 the 990th (exact below 2048 us).
        Assert.Equal(1000, histogram.Count);
        Assert.Equal(0.500, histogram.PercentileMs(50), 9);
        Assert.Equal(0.900, histogram.PercentileMs(90), 9);
        Assert.Equal(0.990, histogram.PercentileMs(99), 9);
        Assert.Equal(1.000, histogram.MaxMs, 9);
    }

    [Fact]
    public void A_single_slow_request_in_a_hundred_is_outside_p99_but_inside_p99_5()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 99; i++) histogram.Record(TimeSpan.FromMicroseconds(10));
        histogram.Record(TimeSpan.FromMicroseconds(1500));
        // 99 of 100 values are 10 us: the 99th-percentile rank (99) is still 10 us; rank 99.5 -> 100 is the slow one.
        Assert.Equal(0.010, histogram.PercentileMs(99), 9);
        Assert.Equal(1.500, histogram.PercentileMs(99.5), 9);
        Assert.Equal(0.010, histogram.PercentileMs(50), 9);
    }

    [Fact]
    public void Large_latencies_are_within_a_tenth_of_a_percent()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(1234.567));
        Assert.InRange(histogram.PercentileMs(50), 1234.567, 1234.567 * 1.001);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile()
    {
        Assert.True(double.IsNaN(new LatencyHistogram().PercentileMs(99)));
    }
}
