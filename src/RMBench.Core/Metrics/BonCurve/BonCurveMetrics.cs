using System.Globalization;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics.BonCurve;

/// <summary>
/// The suite's best-of-n curve: for n = 1..M, the mean over valid items of the item's exact expectation
/// ("gold_at:&lt;n&gt;" in <see cref="BonCurveKind"/>'s extras), where M is the smallest N among those items
/// (so every point averages the same items). Invalid items (a non-finite proxy score) carry no curve and are
/// left out; the suite reports them as invalid.
/// </summary>
public static class BonCurveValues
{
    public static double[] Of(IReadOnlyList<ItemOutcome> outcomes)
    {
        var valid = outcomes.Where(o => !o.Invalid && o.Extras.ContainsKey(BonCurveKind.ResponsesKey)).ToList();
        if (valid.Count == 0) return [];
        var points = (int)valid.Min(o => o.Extras[BonCurveKind.ResponsesKey]);
        var curve = new double[points];
        for (var n = 1; n <= points; n++)
        {
            var key = BonCurveKind.GoldAtKey(n);
            var sum = 0.0;
            foreach (var outcome in valid) sum += outcome.Extras[key];
            curve[n - 1] = sum / valid.Count;
        }
        return curve;
    }

    public static int ValidItems(IReadOnlyList<ItemOutcome> outcomes) =>
        outcomes.Count(o => !o.Invalid && o.Extras.ContainsKey(BonCurveKind.ResponsesKey));

    /// <summary>The n (1-based) of the curve's highest point; the smallest such n on a tie.</summary>
    public static int PeakN(double[] curve)
    {
        var peak = 0;
        for (var i = 1; i < curve.Length; i++)
            if (curve[i] > curve[peak]) peak = i;
        return peak + 1;
    }
}

/// <summary>"gold_at_n": the expected gold score of the proxy's best-of-n pick, keys "gold_at_n:&lt;n&gt;" for n = 1..M.</summary>
public sealed class GoldAtNMetric : ISuiteMetric
{
    public const string Prefix = "gold_at_n:";

    public string Name => "gold_at_n";
    public string Description => "bon-curve: expected gold score of the response the model picks as best of n, for every n (exact over subsets)";
    public bool IsDefault => false;

    public static string Key(int n) => Prefix + n.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var curve = BonCurveValues.Of(outcomes);
        var items = BonCurveValues.ValidItems(outcomes);
        return [.. curve.Select((gold, i) => new MetricValue(Key(i + 1), gold, items)
        {
            Label = $"Gold score of the best of {i + 1} (KL_bon {BestOfNExpectation.KlBon(i + 1).ToString("0.###", CultureInfo.InvariantCulture)})",
        })];
    }
}

/// <summary>"peak_n": the n at which the best-of-n gold curve is highest (the smallest on a tie).</summary>
public sealed class PeakNMetric : ISuiteMetric
{
    public const string Key = "peak_n";

    public string Name => "peak_n";
    public string Description => "bon-curve: the n whose best-of-n pick has the highest expected gold score";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var curve = BonCurveValues.Of(outcomes);
        return curve.Length == 0 ? [] : [new MetricValue(Key, BonCurveValues.PeakN(curve), BonCurveValues.ValidItems(outcomes)) { Label = "n at the peak of the gold curve" }];
    }
}

/// <summary>"overoptimisation": gold at the curve's peak minus gold at its last n (0 when the curve peaks at the end).</summary>
public sealed class OveroptimisationMetric : ISuiteMetric
{
    public const string Key = "overoptimisation";

    public string Name => "overoptimisation";
    public string Description => "bon-curve: expected gold at the peak n minus at the largest n (how much optimising harder against the model loses)";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var curve = BonCurveValues.Of(outcomes);
        if (curve.Length == 0) return [];
        var peak = curve[BonCurveValues.PeakN(curve) - 1];
        return [new MetricValue(Key, peak - curve[^1], BonCurveValues.ValidItems(outcomes)) { Label = "Gold at the peak minus gold at the largest n" }];
    }
}
