namespace RMBench.Core.Bench;

/// <summary>One server trial of a peak search.</summary>
public sealed record PeakTrial(double Qps, double LatencyP99Ms, long Unserved, bool MeetsBound);

/// <summary>
/// `--find-peak`: the highest offered QPS whose server-scenario p99 stays within the latency bound.
/// Starting at --qps, the rate is doubled while trials pass (or halved while they fail) until one passing
/// and one failing rate bracket the peak (at most <see cref="MaxBracketSteps"/> steps each way, and no halving
/// below the minimum rate: a model that fails the bound even when requests hardly ever queue has no peak); then the
/// bracket is bisected until the failing rate is within <see cref="Tolerance"/> of the passing one or
/// <see cref="MaxBisections"/> trials were made. Every trial is a full server run (warmup + duration) with
/// the same seed. The peak is the best passing rate; none passes: no peak.
/// </summary>
public static class PeakSearch
{
    public const int MaxBracketSteps = 12;
    public const int MaxBisections = 8;
    public const double Tolerance = 0.05;

    /// <param name="ReportedQps">The peak, or with no peak the lowest rate tried.</param>
    /// <param name="Reported">The trial at <paramref name="ReportedQps"/>.</param>
    public sealed record Result(double? PeakQps, double ReportedQps, ScenarioMeasurement Reported, IReadOnlyList<PeakTrial> Trials);

    /// <param name="minQps">The lowest rate tried: `rmbench bench` passes 2 / duration (two expected arrivals in a trial).</param>
    public static async Task<Result> RunAsync(Func<double, Task<ScenarioMeasurement>> trial, double startQps, double latencyBoundMs, double minQps = 0)
    {
        var trials = new List<PeakTrial>();
        var measured = new Dictionary<double, ScenarioMeasurement>();
        async Task<bool> Passes(double qps)
        {
            var m = await trial(qps);
            measured[qps] = m;
            var p99 = m.Latency!.PercentileMs(99);
            var meets = m.Unserved == 0 && m.Latency.Count > 0 && p99 <= latencyBoundMs;
            trials.Add(new PeakTrial(qps, p99, m.Unserved, meets));
            return meets;
        }

        double? pass = null, fail = null;
        var q = startQps;
        for (var step = 0; step <= MaxBracketSteps && (pass is null || fail is null); step++)
        {
            if (await Passes(q)) { pass = q; q *= 2; }
            else { fail = q; q /= 2; }
            if (pass is not null && fail is not null) break;
            if (pass is null && q < minQps) break;
        }
        if (pass is null)
        {
            var lowest = trials.Min(t => t.Qps);
            return new Result(null, lowest, measured[lowest], trials);
        }
        for (var i = 0; fail is not null && i < MaxBisections && fail.Value > pass.Value * (1 + Tolerance); i++)
        {
            var mid = (pass.Value + fail.Value) / 2;
            if (await Passes(mid)) pass = mid;
            else fail = mid;
        }
        return new Result(pass, pass.Value, measured[pass.Value], trials);
    }
}
