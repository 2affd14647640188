namespace RMBench.Core.Gate;

/// <summary>
/// The discordant pairs of two runs on the same binary items: <paramref name="Losses"/> items the baseline got
/// right and the candidate wrong, <paramref name="Wins"/> the reverse, out of <paramref name="Pairs"/> items.
/// </summary>
public readonly record struct McNemarTable(int Losses, int Wins, int Pairs)
{
    public int Discordant => Losses + Wins;

    /// <summary>Observed candidate - baseline accuracy difference: (wins - losses) / pairs.</summary>
    public double Difference => Pairs == 0 ? 0 : (Wins - Losses) / (double)Pairs;

    /// <summary>The same table seen from the candidate's side (losses and wins swapped).</summary>
    public McNemarTable Swapped => new(Wins, Losses, Pairs);
}

/// <summary>
/// Exact McNemar tests for paired binary outcomes, including the non-inferiority form with a margin.
/// <para>
/// Notation: d = p_cand - p_base = P(win) - P(loss); D = P(win) + P(loss) is the discordance rate;
/// theta = P(loss) / D the share of losses among discordant pairs. Given the number of discordant pairs
/// n_d, the number of losses is exactly Binomial(n_d, theta) (McNemar's conditioning).
/// </para>
/// <para>
/// Margin-free (delta = 0): d = 0 iff theta = 1/2, so the conditional binomial test with theta = 1/2 is the
/// classic exact McNemar test; <see cref="TwoSided"/> is its two-sided p-value.
/// </para>
/// <para>
/// With a hypothesised difference delta != 0, "d = delta" means theta = 1/2 - delta / (2 D): the null
/// depends on the unknown discordance D (a nuisance parameter). We bound it the Berger-Boos way: take the
/// one-sided Clopper-Pearson bound for D at level 1 - gamma from n_d of n (<see cref="Gamma"/> = 0.001), use
/// the least favourable theta over D inside that bound, and add gamma to the p-value. The test stays exact
/// (its size is at most alpha for every D, not just asymptotically): P(reject) &lt;= P(D outside its bound) +
/// P(conditional test rejects | D inside) &lt;= gamma + (alpha - gamma). When the bound shows that D is too
/// small for the null to hold at all (|d| &lt;= D), the p-value is gamma alone: e.g. 2,000 pairs without a
/// single discordant one prove non-inferiority at a 1-point margin.
/// </para>
/// </summary>
public static class ExactMcNemar
{
    /// <summary>Berger-Boos level for the discordance bound (the price paid for the nuisance parameter).</summary>
    public const double Gamma = 0.001;

    /// <summary>Classic exact McNemar two-sided p-value: 2 min(P(B &lt;= losses), P(B &gt;= losses)), B ~ Bin(n_d, 1/2), at most 1.</summary>
    public static double TwoSided(McNemarTable table)
    {
        if (table.Discordant == 0) return 1;
        var low = Binomial.LowerTail(table.Losses, table.Discordant, 0.5);
        var high = Binomial.UpperTail(table.Losses, table.Discordant, 0.5);
        return Math.Min(1, 2 * Math.Min(low, high));
    }

    /// <summary>
    /// p-value of H0: d &lt;= delta against d &gt; delta (evidence that the candidate is better than baseline + delta;
    /// with delta = -margin this is the non-inferiority test). Evidence is few losses: the p-value is the lower
    /// tail P(B &lt;= losses) at the least favourable theta. delta = 0 is the exact one-sided McNemar test.
    /// </summary>
    public static double GreaterThan(McNemarTable table, double delta) =>
        GreaterThan(table, delta, DiscordanceBounds.Of(table), exactAtZero: true);

    /// <summary>p-value of H0: d &gt;= delta against d &lt; delta (with delta = -margin: the candidate is worse by more than the margin).</summary>
    public static double LessThan(McNemarTable table, double delta) => GreaterThan(table.Swapped, -delta);

    /// <summary>
    /// Confidence bounds for d from inverting the one-sided tests: the lower bound is the largest delta that
    /// <see cref="GreaterThan"/> rejects at <paramref name="alpha"/>, the upper bound the smallest delta
    /// <see cref="LessThan"/> rejects; together a 1 - 2 alpha interval. Found by bisection to 1e-9. The
    /// inverted family keeps the gamma term at delta = 0 too (its limit from either side), so it is monotone.
    /// </summary>
    public static (double Low, double High) Interval(McNemarTable table, double alpha)
    {
        if (table.Pairs == 0) return (-1, 1);
        var bounds = DiscordanceBounds.Of(table); // the same for the swapped table
        // Rejection regions are rays: the lower-bound test rejects every delta below the bound.
        var low = Boundary(delta => GreaterThan(table, delta, bounds, exactAtZero: false) <= alpha);
        var high = -Boundary(delta => GreaterThan(table.Swapped, delta, bounds, exactAtZero: false) <= alpha);
        return (low, high);
    }

    private static double GreaterThan(McNemarTable table, double delta, DiscordanceBounds bounds, bool exactAtZero)
    {
        var (losses, discordant, pairs) = (table.Losses, table.Discordant, table.Pairs);
        if (pairs == 0 || delta >= 1) return 1;
        if (delta == 0 && exactAtZero) return Binomial.LowerTail(losses, discordant, 0.5);
        double theta;
        if (delta <= 0)
        {
            // Under H0 theta >= 1/2 + |delta| / (2D); the least favourable (smallest) theta is at D's upper bound.
            // H0 needs D >= |delta|; when even the upper bound is below, H0 is excluded up to gamma.
            if (bounds.Upper < -delta) return Gamma;
            theta = 0.5 - delta / (2 * bounds.Upper);
        }
        else
        {
            // Under H0 theta >= 1/2 - delta / (2D); least favourable at D's lower bound. When that bound does not
            // exceed delta, H0 holds whatever theta is (|d| <= D <= delta) and nothing can be shown.
            if (bounds.Lower <= delta) return 1;
            theta = 0.5 - delta / (2 * bounds.Lower);
        }
        return Math.Min(1, Gamma + Binomial.LowerTail(losses, discordant, Math.Clamp(theta, 0, 1)));
    }

    /// <summary>One-sided 1 - gamma Clopper-Pearson bounds of the discordance rate D from n_d of n pairs.</summary>
    private readonly record struct DiscordanceBounds(double Lower, double Upper)
    {
        public static DiscordanceBounds Of(McNemarTable table) => table.Pairs == 0
            ? new DiscordanceBounds(0, 1)
            : new DiscordanceBounds(Binomial.LowerBound(table.Discordant, table.Pairs, Gamma), Binomial.UpperBound(table.Discordant, table.Pairs, Gamma));
    }

    /// <summary>The delta in [-1, 1] where <paramref name="rejected"/> turns from true to false.</summary>
    private static double Boundary(Func<double, bool> rejected)
    {
        double low = -1, high = 1;
        if (!rejected(low)) return -1;
        for (var i = 0; i < 32; i++)
        {
            var mid = 0.5 * (low + high);
            if (rejected(mid)) low = mid; else high = mid;
        }
        return low;
    }
}
