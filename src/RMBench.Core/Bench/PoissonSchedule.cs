using RMBench.Core.Statistics;

namespace RMBench.Core.Bench;

/// <summary>
/// Arrival times of an open-loop Poisson process (what LoadGen's server scenario issues): gaps are
/// exponential with mean 1/qps, drawn by inversion from the in-repo <see cref="Pcg32"/>, so one seed
/// gives the same schedule on every machine.
/// </summary>
public static class PoissonSchedule
{
    /// <summary>
    /// Arrival times in seconds from the start, ascending, below <paramref name="seconds"/>; with
    /// <paramref name="atLeastOneFrom"/> the schedule goes on past the end until one arrival is at or after
    /// that time (so a low rate still gives a measured request after the warmup).
    /// </summary>
    public static IReadOnlyList<double> Arrivals(double qps, double seconds, int seed, double? atLeastOneFrom = null)
    {
        if (!(qps > 0) || !double.IsFinite(qps)) throw new ArgumentOutOfRangeException(nameof(qps), qps, "must be a positive rate");
        var random = new Pcg32(seed, stream: 7);
        var arrivals = new List<double>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1.0 - random.NextDouble()) / qps; // 1 - u is in (0, 1]: never log(0)
            if (t >= seconds && (atLeastOneFrom is null || arrivals.Count > 0 && arrivals[^1] >= atLeastOneFrom)) return arrivals;
            arrivals.Add(t);
        }
    }
}
