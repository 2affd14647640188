using RMBench.Core.Results;
using RMBench.Core.Statistics;

namespace RMBench.Reports.Leaderboard;

/// <summary>What the page's script shows for a chart point on hover or focus (embedded as JSON).</summary>
public sealed record ChartPointData(string Suite, string Id, string Subset, string Role, double Score, int Chars);

/// <summary>
/// Score against response length for one model: the length-bias view. The x axis is log10(1 + characters),
/// the y axis the model's own score range (models score on different scales). At most <see cref="MaxPoints"/>
/// points are drawn (an even, deterministic subsample in file order); Spearman's rho and the trend line (median
/// score in each of <see cref="Bins"/> equal-width x bins) use every point.
/// </summary>
public static class LengthChart
{
    public const int MaxPoints = 400;
    public const int Bins = 8;
    // The SVG viewBox is 0 0 320 200; the plot area (40..312 x 10..172, drawn by the template) leaves room for
    // tick labels, and points keep 5 units inside it so none is cut by its edge.
    private const double Left = 45, Right = 307, Top = 15, Bottom = 167;

    public static (Chart Chart, IReadOnlyList<ChartPointData> Data)? Build(int index, IEnumerable<ScoreRow> scores)
    {
        var rows = ScoreColumns.InFileOrder(scores.Where(r => float.IsFinite(r.Score) && r.ResponseChars is not null)).ToList();
        if (rows.Count < 2) return null;

        var xs = rows.Select(r => Math.Log10(1 + r.ResponseChars!.Value)).ToArray();
        var ys = rows.Select(r => (double)r.Score).ToArray();
        var (xMin, xMax) = Range(xs);
        var (yMin, yMax) = Range(ys);
        double X(double v) => Left + (v - xMin) / (xMax - xMin) * (Right - Left);
        double Y(double v) => Bottom - (v - yMin) / (yMax - yMin) * (Bottom - Top);

        var shown = rows.Count <= MaxPoints
            ? Enumerable.Range(0, rows.Count).ToList()
            : Enumerable.Range(0, MaxPoints).Select(i => (int)((long)i * rows.Count / MaxPoints)).ToList();
        var points = new List<ChartPoint>();
        var data = new List<ChartPointData>();
        foreach (var i in shown)
        {
            var r = rows[i];
            var role = r.Role.StartsWith("chosen", StringComparison.Ordinal) ? "chosen" : "rejected";
            points.Add(new ChartPoint(Format.Fixed(X(xs[i]), 1), Format.Fixed(Y(ys[i]), 1), role, data.Count));
            data.Add(new ChartPointData(r.Suite, r.Id, r.Subset, r.Role, r.Score, r.ResponseChars!.Value));
        }

        var trend = new List<string>();
        var width = (xMax - xMin) / Bins;
        for (var b = 0; b < Bins; b++)
        {
            var inBin = Enumerable.Range(0, xs.Length)
                .Where(i => xs[i] >= xMin + b * width && (xs[i] < xMin + (b + 1) * width || b == Bins - 1))
                .Select(i => ys[i]).ToList();
            if (inBin.Count < 3) continue;
            trend.Add($"{(trend.Count == 0 ? "M" : "L")}{Format.Fixed(X(xMin + (b + 0.5) * width), 1)} {Format.Fixed(Y(Median.Of(inBin)), 1)}");
        }

        var rho = Spearman(xs, ys);
        var chart = new Chart(index, points,
            XTicks(xMin, xMax, X),
            [new Tick(Format.Fixed(Y(yMax), 1), Label(yMax)), new Tick(Format.Fixed(Y(yMin), 1), Label(yMin))],
            string.Join(" ", trend),
            double.IsFinite(rho) ? Format.Fixed(rho, 2) : "n/a",
            rows.Count > MaxPoints
                ? $"{Format.Integer(MaxPoints)} of {Format.Integer(rows.Count)} scored responses shown; rho and trend use all"
                : $"{Format.Integer(rows.Count)} scored responses");
        return (chart, data);
    }

    /// <summary>Ticks at 10, 100, 1000... characters inside the range, plus the ends when none fit.</summary>
    private static IReadOnlyList<Tick> XTicks(double min, double max, Func<double, double> x)
    {
        var ticks = new List<Tick>();
        for (var p = 1; p <= 7; p++)
        {
            var v = Math.Log10(1 + Math.Pow(10, p));
            if (v >= min && v <= max) ticks.Add(new Tick(Format.Fixed(x(v), 1), Format.Integer((long)Math.Pow(10, p))));
        }
        if (ticks.Count == 0)
        {
            ticks.Add(new Tick(Format.Fixed(x(min), 1), Format.Integer((long)Math.Round(Math.Pow(10, min) - 1))));
            ticks.Add(new Tick(Format.Fixed(x(max), 1), Format.Integer((long)Math.Round(Math.Pow(10, max) - 1))));
        }
        return ticks;
    }

    private static string Label(double v) => Math.Abs(v) >= 100 ? Format.Fixed(v, 0) : Math.Abs(v) >= 1 ? Format.Fixed(v, 1) : Format.Fixed(v, 2);

    /// <summary>Min and max, widened when flat so the scale never divides by zero.</summary>
    private static (double Min, double Max) Range(double[] values)
    {
        var min = values.Min();
        var max = values.Max();
        return max > min ? (min, max) : (min - 0.5, max + 0.5);
    }

    /// <summary>Spearman's rank correlation: Pearson's r of the ranks, ties given their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }
}
