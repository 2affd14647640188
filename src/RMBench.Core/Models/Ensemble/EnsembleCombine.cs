using System.Globalization;
using RMBench.Core.Errors;

namespace RMBench.Core.Models.Ensemble;

/// <summary>How an ensemble turns its members' (standardised) scores of one request into one score.</summary>
public sealed record EnsembleCombine(string Rule, double Lambda = 1)
{
    public static EnsembleCombine Mean { get; } = new("mean");

    /// <summary>mean, min, uwo or uwo:LAMBDA (LAMBDA &gt;= 0, default 1).</summary>
    public static EnsembleCombine Parse(string? text)
    {
        if (text is null or "mean") return Mean;
        if (text == "min") return new("min");
        if (text == "uwo") return new("uwo");
        if (text.StartsWith("uwo:", StringComparison.Ordinal)
            && double.TryParse(text[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var lambda) && double.IsFinite(lambda) && lambda >= 0)
            return new("uwo", lambda);
        throw new InputException("--ensemble", $"must be mean, min or uwo[:LAMBDA] with LAMBDA >= 0 (got '{text}')");
    }

    public override string ToString() => Rule == "uwo" ? $"uwo:{Lambda.ToString("R", CultureInfo.InvariantCulture)}" : Rule;

    /// <summary>
    /// mean: the members' mean; min: the lowest (worst case); uwo (uncertainty-weighted optimisation):
    /// mean - lambda x the members' population variance. NaN when a member's score is not finite.
    /// </summary>
    public double Apply(ReadOnlySpan<double> scores)
    {
        foreach (var s in scores)
            if (!double.IsFinite(s)) return double.NaN;
        var mean = 0.0;
        foreach (var s in scores) mean += s;
        mean /= scores.Length;
        switch (Rule)
        {
            case "min":
                var min = double.PositiveInfinity;
                foreach (var s in scores) min = Math.Min(min, s);
                return min;
            case "uwo":
                var variance = 0.0;
                foreach (var s in scores) variance += (s - mean) * (s - mean);
                return mean - Lambda * variance / scores.Length;
            default:
                return mean;
        }
    }
}
