using System.Globalization;
using RMBench.Core.Metrics.BonCurve;
using RMBench.Core.Results;

namespace RMBench.Reports.Leaderboard;

/// <summary>A bon-curve suite's chart: each model's expected gold score of its best-of-n pick against KL_bon, with 95% intervals.</summary>
public sealed record BonChart(IReadOnlyList<BonSeries> Series, IReadOnlyList<Tick> KlTicks, IReadOnlyList<Tick> GoldTicks, string Caption);

/// <param name="Colour">0-5: the series' colour class.</param>
public sealed record BonSeries(string Name, string Anchor, int Colour, string Path, IReadOnlyList<BonPoint> Points, string Summary);

/// <param name="Title">The point's numbers, shown on hover.</param>
public sealed record BonPoint(string X, string Y, string Low, string High, string Title);

/// <summary>
/// Builds <see cref="BonChart"/> from run.json's gold_at_n:&lt;n&gt; metrics (value and interval per n): x = KL_bon =
/// log n - (n - 1)/n on a linear axis, y = gold on the shared range of every model's intervals.
/// </summary>
public static class BonCurveChart
{
    // The SVG viewBox is 0 0 320 200, the plot area 40..312 x 10..172 (as the length chart's).
    private const double Left = 45, Right = 307, Top = 15, Bottom = 167;

    public static BonChart? Build(IReadOnlyList<(string Name, string Anchor, SuiteResult Suite)> models)
    {
        var curves = models.Select(m => (m.Name, m.Anchor, Points: Curve(m.Suite), m.Suite)).Where(c => c.Points.Count >= 2).ToList();
        if (curves.Count == 0) return null;
        var maxN = curves.Max(c => c.Points.Count);
        var xMax = BestOfNExpectation.KlBon(maxN);
        var yMin = curves.SelectMany(c => c.Points).Min(p => p.CiLow);
        var yMax = curves.SelectMany(c => c.Points).Max(p => p.CiHigh);
        if (yMax <= yMin) (yMin, yMax) = (yMin - 0.5, yMax + 0.5);
        double X(int n) => Left + BestOfNExpectation.KlBon(n) / xMax * (Right - Left);
        double Y(double v) => Bottom - (v - yMin) / (yMax - yMin) * (Bottom - Top);

        var series = curves.Select((c, i) =>
        {
            var points = c.Points.Select((p, k) => new BonPoint(Fixed(X(k + 1)), Fixed(Y(p.Value)), Fixed(Y(p.CiLow)), Fixed(Y(p.CiHigh)),
                $"{c.Name}: best of {k + 1} (KL {Format.Fixed(BestOfNExpectation.KlBon(k + 1), 2)}): gold {Format.Fixed(p.Value, 3)}, 95% CI {Format.Fixed(p.CiLow, 3)}–{Format.Fixed(p.CiHigh, 3)}")).ToList();
            var path = string.Join(" ", points.Select((p, k) => $"{(k == 0 ? "M" : "L")}{p.X} {p.Y}"));
            var peak = c.Suite.Metrics.FirstOrDefault(m => m.Key == PeakNMetric.Key);
            var over = c.Suite.Metrics.FirstOrDefault(m => m.Key == OveroptimisationMetric.Key);
            var summary = peak is null || over is null ? "" : $"peak at n = {Format.Fixed(peak.Value, 0)}, overoptimisation {Format.Fixed(over.Value, 3)} [{Format.Fixed(over.CiLow, 3)}, {Format.Fixed(over.CiHigh, 3)}]";
            return new BonSeries(c.Name, c.Anchor, i % 6, path, points, summary);
        }).ToList();
        var xTicks = new[] { 1, 2, 4, 8, 16, 32, 64 }.Where(n => n <= maxN).Select(n => new Tick(Fixed(X(n)), $"n={n}")).ToList();
        var yTicks = new[] { yMin, (yMin + yMax) / 2, yMax }.Select(v => new Tick(Fixed(Y(v)), Format.Fixed(v, 2))).ToList();
        return new BonChart(series, xTicks, yTicks, $"Expected gold score of the best of n (n = 1..{maxN}) against KL_bon = log n − (n − 1)/n; bars: 95% intervals over prompts");
    }

    private static List<MetricResult> Curve(SuiteResult suite)
    {
        var points = new List<MetricResult>();
        for (var n = 1; suite.Metrics.FirstOrDefault(m => m.Key == GoldAtNMetric.Key(n)) is { } point; n++) points.Add(point);
        return points;
    }

    private static string Fixed(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}
