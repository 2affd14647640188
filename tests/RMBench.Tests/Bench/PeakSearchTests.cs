using RMBench.Core.Bench;

namespace RMBench.Tests.Bench;

public sealed class PeakSearchTests
{
    /// <summary>A synthetic trial: p99 is 1 ms below <paramref name="capacity"/> QPS and 1000 ms above it.</summary>
    private static Func<double, Task<ScenarioMeasurement>> Trial(double capacity, List<double> tried) => qps =>
    {
        tried.Add(qps);
        var latency = new LatencyHistogram();
        latency.Record(TimeSpan.FromMilliseconds(qps <= capacity ? 1 : 1000));
        return Task.FromResult(new ScenarioMeasurement(1, 1, null, latency));
    };

    [Theory]
    [InlineData(10.0, 37.0)]   // doubling 10, 20, 40 then bisecting [20, 40]
    [InlineData(100.0, 37.0)]  // halving 100, 50, 25 then bisecting [25, 50]
    [InlineData(1.0, 1000.0)]
    public async Task The_peak_is_the_best_passing_rate_within_five_percent_of_the_capacity(double start, double capacity)
    {
        var tried = new List<double>();
        var result = await PeakSearch.RunAsync(Trial(capacity, tried), start, latencyBoundMs: 100);
        Assert.NotNull(result.PeakQps);
        Assert.InRange(result.PeakQps!.Value, capacity / (1 + PeakSearch.Tolerance), capacity);
        Assert.Equal(tried, result.Trials.Select(t => t.Qps));
        Assert.Equal(result.Trials.Where(t => t.MeetsBound).Max(t => t.Qps), result.PeakQps);
    }

    [Fact]
    public async Task No_passing_rate_gives_no_peak()
    {
        var tried = new List<double>();
        var result = await PeakSearch.RunAsync(Trial(0, tried), 10, 100);
        Assert.Null(result.PeakQps);
        Assert.Equal(PeakSearch.MaxBracketSteps + 1, tried.Count); // 10, 5, 2.5, ... all fail
        Assert.Equal(tried.Min(), result.ReportedQps); // figures of the lowest rate tried
    }

    [Fact]
    public async Task Halving_stops_at_the_minimum_rate()
    {
        var tried = new List<double>();
        var result = await PeakSearch.RunAsync(Trial(0, tried), 10, 100, minQps: 1);
        Assert.Null(result.PeakQps);
        Assert.Equal([10, 5, 2.5, 1.25], tried); // 0.625 is below the minimum
    }
}
