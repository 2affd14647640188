namespace RMBench.Core.Suites;

/// <summary>One comparison of an item: which of its requests is the chosen and which the rejected response.</summary>
/// <param name="Name">Unique within the item ("pair", "no_persona", "m01"); part of the comparison's role.</param>
/// <param name="Chosen">Index into <see cref="SuiteItem.Requests"/>.</param>
/// <param name="Rejected">Index into <see cref="SuiteItem.Requests"/>; same conversation as the chosen one.</param>
public sealed record ItemComparison(string Name, int Chosen, int Rejected);

/// <summary>
/// A comparison's verdicts once un-swapped, from the chosen response's side: +1 chosen wins, -1 it loses,
/// 0 tie; NaN no verdict; null when that order was not asked.
/// </summary>
public sealed record ComparisonVotes(string Name, double? ChosenFirst, double? RejectedFirst)
{
    /// <summary>The comparison's vote sum: each order +1, -1 or 0 (a tie or no verdict).</summary>
    public double Sum => Vote(ChosenFirst) + Vote(RejectedFirst);

    /// <summary>A comparison is a tie when its votes sum to 0.</summary>
    public bool IsTie => Sum == 0;

    /// <summary>1 when the votes sum above 0, 0 below, the tie credit of the run's policy at 0.</summary>
    public double Credit(JudgingOptions options) => Sum > 0 ? 1 : Sum < 0 ? 0 : options.Ties == TiePolicy.Half ? 0.5 : 0;

    private static double Vote(double? verdict) => verdict is { } v && !double.IsNaN(v) ? Math.Sign(v) : 0;
}

/// <summary>
/// Optional for kinds whose items are comparisons of responses (pairwise, style-matrix): lists them so a
/// comparative judge (<see cref="Models.IPairwiseJudge"/>) can judge them, and judges the item from the
/// per-comparison votes by the kind's own rules.
/// </summary>
public interface IComparativeKind
{
    IReadOnlyList<ItemComparison> Comparisons(SuiteItem item);

    /// <summary>The item's outcome from its comparisons' votes, given in the order of <see cref="Comparisons"/>.</summary>
    ItemOutcome JudgeComparisons(SuiteItem item, IReadOnlyList<ComparisonVotes> votes, JudgingOptions options);
}
