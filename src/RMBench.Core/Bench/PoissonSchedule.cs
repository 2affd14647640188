using RMBench.Core.Statistics;

namespace RMBench.Core.Bench;

/// <summary>
/// Arrival times of an open-loop Poisson process (what LoadGen's server scenario issues): gaps are
/// exponential with mean 1/qps, drawn by inversion from the in-repo <see cref="Pcg32"/>, so one seed
/// gives the same schedule on every machine.
/// </summary>
public static class PoissonSchedule
{
    /// <summary>Arrival times in seconds from the start, ascending, all below <paramref name="seconds"/>.</summary>
    public static IReadOnlyList<double> Arrivals(double qps, double seconds, int seed)
    {
        if (!(qps > 0) || !double.IsFinite(qps)) throw new ArgumentOutOfRangeException(nameof(qps), qps, "must be a positive rate");
        var random = new Pcg32(seed, stream: 7);
        var arrivals = new List<double>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1.0 - random.NextDouble()) / qps; // 1 - u is in (0, 1]: never log(0)
            if (t >= seconds) return arrivals;
            arrivals.Add(t);
        }
    }
}
