using RMBench.Core.Suites;

namespace RMBench.Core.Metrics;

/// <summary>
/// The outcome Extras that comparisons judged by a generative judge carry (set by
/// <see cref="Running.ComparisonScoring"/> for every comparative kind), counted over the item's comparisons.
/// A verdict is one order of one comparison; it is "first wins" when the response shown first won.
/// </summary>
public static class JudgeExtras
{
    /// <summary>Verdicts asked (orders x comparisons).</summary>
    public const string Verdicts = "judge:verdicts";
    /// <summary>Verdicts that could not be read (none or several distinct verdicts).</summary>
    public const string Unparsed = "judge:unparsed";
    /// <summary>Read verdicts that were not ties.</summary>
    public const string Decisive = "judge:decisive";
    /// <summary>Decisive verdicts won by the first-shown response.</summary>
    public const string FirstWins = "judge:first_wins";
    /// <summary>Comparisons asked in both orders with both verdicts read.</summary>
    public const string BothOrders = "judge:both_orders";
    /// <summary>Of those, the comparisons whose two verdicts agree once un-swapped (same winner, or both ties).</summary>
    public const string Consistent = "judge:consistent";

    internal static double Sum(IReadOnlyList<ItemOutcome> outcomes, string key, out bool present)
    {
        double sum = 0;
        present = false;
        foreach (var outcome in outcomes)
            if (outcome.Extras.TryGetValue(key, out var value))
            {
                sum += value;
                present = true;
            }
        return sum;
    }

    internal static IReadOnlyList<MetricValue> Ratio(IReadOnlyList<ItemOutcome> outcomes, string numerator, string denominator,
        string key, string label)
    {
        var over = Sum(outcomes, denominator, out var present);
        if (!present || over == 0) return [];
        return [new MetricValue(key, Sum(outcomes, numerator, out _) / over, (int)over) { Label = label }];
    }
}

/// <summary>
/// position_consistency: share of comparisons judged in both orders (both verdicts read) whose verdicts
/// agree once un-swapped. Values only on suites judged by a pairwise judge in both orders.
/// </summary>
public sealed class PositionConsistencyMetric : ISuiteMetric
{
    public string Name => "position_consistency";
    public string Description => "pairwise judges: share of comparisons whose two orders give the same verdict once un-swapped";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
        JudgeExtras.Ratio(outcomes, JudgeExtras.Consistent, JudgeExtras.BothOrders, Name,
            "Position consistency (both orders agree, of comparisons with both verdicts read)");
}

/// <summary>first_position_win_rate: share of decisive verdicts (read, not ties) won by the response shown first; 0.5 is unbiased.</summary>
public sealed class FirstPositionWinRateMetric : ISuiteMetric
{
    public string Name => "first_position_win_rate";
    public string Description => "pairwise judges: share of decisive verdicts won by the response shown first (0.5 = no position bias)";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest) =>
        JudgeExtras.Ratio(outcomes, JudgeExtras.FirstWins, JudgeExtras.Decisive, Name,
            "First-position win rate (of decisive verdicts)");
}

/// <summary>judge_unparsed: share of verdicts that could not be read, and "judge_unparsed:count" their number.</summary>
public sealed class JudgeUnparsedMetric : ISuiteMetric
{
    public const string CountKey = "judge_unparsed:count";

    public string Name => "judge_unparsed";
    public string Description => "pairwise judges: verdicts that could not be read (share of verdicts asked, and count)";
    public bool IsDefault => false;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var share = JudgeExtras.Ratio(outcomes, JudgeExtras.Unparsed, JudgeExtras.Verdicts, Name, "Unparsed verdicts (share of verdicts asked)");
        if (share.Count == 0) return share;
        var count = JudgeExtras.Sum(outcomes, JudgeExtras.Unparsed, out _);
        return [.. share, new MetricValue(CountKey, count, share[0].N) { Label = "Unparsed verdicts (count)" }];
    }
}
