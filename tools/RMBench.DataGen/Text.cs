using System.Globalization;

namespace RMBench.DataGen;

/// <summary>Formatting helpers. Every number goes through the invariant culture.</summary>
internal static class Text
{
    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number with a fixed count of decimals, rounded half away from zero, no group separators.</summary>
    public static string Number(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Money(decimal value) => "$" + Number(value, 2);

    /// <summary>Minutes since midnight as a 24-hour clock time "HH:mm" (wraps around midnight).</summary>
    public static string Clock(int minutes)
    {
        var m = ((minutes % 1440) + 1440) % 1440;
        return Inv($"{m / 60:D2}:{m % 60:D2}");
    }

    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return Inv($"{n}{suffix}");
    }

    /// <summary>Words as whitespace-separated tokens: the definition the "exactly N words" items use.</summary>
    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"a" or "an" before a whole number written in digits ("an 85-minute drive", "an 18-mile ride").</summary>
    public static string Article(long n)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        var eleven = n is 11 or 18 || n is >= 11_000 and < 12_000 || n is >= 18_000 and < 19_000;
        return digits.StartsWith('8') || eleven ? "an" : "a";
    }

    public static string Plural(int n, string singular, string plural) => n == 1 ? singular : plural;

    /// <summary>"a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>A Python list literal of integers: "[1, 2, 3]".</summary>
    public static string PyList(IEnumerable<int> items) =>
        "[" + string.Join(", ", items.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

    public static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException("generator invariant violated: " + message);
    }
}
