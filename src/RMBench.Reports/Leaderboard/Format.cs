using System.Globalization;
using RMBench.Core.Results;

namespace RMBench.Reports.Leaderboard;

/// <summary>Numbers and cells as the page shows them (invariant culture).</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Fixed decimals, halves rounded away from zero (.NET's "F" format alone gives 1234.5 -> "1234").</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value)
            ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(Invariant), Invariant)
            : "n/a";

    /// <summary>Sort key: round-trip number, "" when missing.</summary>
    public static string SortKey(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", Invariant) : "";

    public static string Integer(long value) => value.ToString(Invariant);

    /// <summary>Rates and latencies: three significant figures-ish, "—" when missing.</summary>
    public static string Rate(double? value) => value switch
    {
        null => "—",
        >= 100 => Fixed(value.Value, 0),
        >= 10 => Fixed(value.Value, 1),
        _ => Fixed(value.Value, 2),
    };

    /// <summary>
    /// A metric with its interval, on the scale run.json, summary.md and the console use (0-1 for proportions:
    /// 0.912, not 91.2%), three decimals. Proportions (the whole column in [0, 1]) get a 0-1 interval bar; other
    /// metrics a bar on the column's own range.
    /// </summary>
    public static Cell Metric(double value, double low, double high, Scale scale, string? tag, string title)
    {
        const int k = 1, decimals = 3;
        var bar = new Bar(
            Fixed(scale.Position(low), 2),
            Fixed(Math.Max(0.8, scale.Position(high) - scale.Position(low)), 2),
            Fixed(scale.Position(value), 2));
        return new Cell(Fixed(value * k, decimals), $"{Fixed(low * k, decimals)}–{Fixed(high * k, decimals)}", SortKey(value), bar, tag, title);
    }

    public static Cell Metric(MetricResult m, Scale scale, string? tag, string title) => Metric(m.Value, m.CiLow, m.CiHigh, scale, tag, title);

    /// <summary>Short hex prefix of a digest for tables (the full digest is in the provenance card).</summary>
    public static string Short(string? digest, int length = 12) =>
        string.IsNullOrEmpty(digest) ? "" : digest.Length > length ? digest[..length] : digest;

    /// <summary>At most <paramref name="max"/> characters (never splitting a surrogate pair), with an ellipsis saying how much was cut.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + $"… ({Integer(text.Length - cut)} more characters)";
    }
}

/// <summary>The range of a column of metric values, for interval bars.</summary>
public sealed record Scale(bool Percent, double Min, double Max)
{
    public static Scale Of(IEnumerable<(double Value, double Low, double High)> values)
    {
        var list = values.Where(v => double.IsFinite(v.Value) && double.IsFinite(v.Low) && double.IsFinite(v.High)).ToList();
        if (list.Count == 0 || list.All(v => v.Low >= 0 && v.High <= 1)) return new Scale(true, 0, 1);
        var min = list.Min(v => v.Low);
        var max = list.Max(v => v.High);
        return max > min ? new Scale(false, min, max) : new Scale(false, min - 1, max + 1);
    }

    /// <summary>Position on the track in percent, clamped to [0, 100].</summary>
    public double Position(double value) => double.IsFinite(value) ? Math.Clamp((value - Min) / (Max - Min) * 100, 0, 100) : 0;
}
