using RMBench.Core.Bench;

namespace RMBench.Tests.Bench;

public sealed class PoissonScheduleTests
{
    [Fact]
    public void The_same_seed_gives_the_same_schedule_and_another_seed_another()
    {
        var a = PoissonSchedule.Arrivals(50, 10, seed: 7);
        Assert.Equal(a, PoissonSchedule.Arrivals(50, 10, seed: 7));
        Assert.NotEqual(a, PoissonSchedule.Arrivals(50, 10, seed: 8));
    }

    [Fact]
    public void Arrivals_are_ascending_within_the_duration()
    {
        var arrivals = PoissonSchedule.Arrivals(200, 5, seed: 1);
        Assert.All(arrivals.Zip(arrivals.Skip(1)), p => Assert.True(p.First <= p.Second));
        Assert.All(arrivals, t => Assert.InRange(t, 0, 5));
    }

    [Theory]
    [InlineData(200.0, 1)]
    [InlineData(3.5, 2)]
    public void The_mean_rate_and_the_spread_of_gaps_are_those_of_a_poisson_process(double qps, int seed)
    {
        var seconds = 20000 / qps; // about 20,000 arrivals
        var arrivals = PoissonSchedule.Arrivals(qps, seconds, seed);
        // Count ~ Poisson(20000): sd 141, so +-3% is over 4 sd.
        Assert.InRange(arrivals.Count / seconds, qps * 0.97, qps * 1.03);
        // Exponential gaps: standard deviation equals the mean (coefficient of variation 1); a fixed-rate schedule would give 0.
        var gaps = arrivals.Zip(arrivals.Skip(1), (x, y) => y - x).ToList();
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Count - 1));
        Assert.InRange(sd / mean, 0.95, 1.05);
    }

    [Fact]
    public void A_rate_too_low_for_the_duration_still_schedules_one_arrival_after_the_warmup()
    {
        var arrivals = PoissonSchedule.Arrivals(0.01, 1, seed: 3, atLeastOneFrom: 0.5); // mean gap 100 s
        Assert.NotEmpty(arrivals);
        Assert.True(arrivals[^1] >= 0.5);
        Assert.True(arrivals.Count(t => t >= 1) <= 1); // at most the one needed goes past the end
    }

    [Fact]
    public void A_rate_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonSchedule.Arrivals(0, 1, 1));
    }
}
