namespace RMBench.Core.Gate;

/// <summary>
/// Exact unconditional test of a paired accuracy difference with a margin, on the (losses, wins, ties) counts of
/// two runs on the same binary items: the gate's test for binary outcomes.
/// <para>
/// Notation: n pairs, L losses (baseline right, candidate wrong), W wins, d = P(win) - P(loss), D = P(win) + P(loss)
/// the discordance rate (the nuisance parameter). H0: d &lt;= delta (non-inferiority at margin m: delta = -m).
/// </para>
/// <para>
/// Statistic: the score statistic Z = (W - L - n delta) / sqrt(n (D~ - delta^2)), D~ the maximum-likelihood D under
/// d = delta (Tango's statistic for paired proportions). Unlike McNemar's conditional test it uses the concordant
/// pairs: n identical outcomes give Z = sqrt(n m / (1 - m)) and the p-value (1 - m)^n, below 0.05 from n = 299 at
/// m = 0.01, where the conditional test, having no discordant pair to condition on, can show nothing.
/// </para>
/// <para>
/// p-value: the probability of a Z at least as large as observed, maximised over the nuisance D (Berger and Boos 1994):
/// p = gamma + sup over D in C of P_{d*(D), D}(Z &gt;= z), with C the two-sided 1 - gamma Clopper-Pearson interval for
/// D from the discordant count (<see cref="Gamma"/> = 1e-4) and d*(D) = min(delta, D) the least favourable difference
/// at that D (Z is increasing when a loss becomes a win, so the tail grows with d at fixed D). Under H0,
/// P(p &lt;= alpha) &lt;= P(D outside C) + P(tail at the true (d, D) &lt;= alpha - gamma) &lt;= alpha: exact, for every D.
/// The interval C does not discard "no discordance": zero discordant pairs give C = [0, 1 - (gamma/2)^(1/n)], which
/// still holds D = m when n is small, so identical runs pass only from n = 299 on. The tail is summed as
/// sum over k of Bin(k; n, D) P(L &lt;= l*(k) | k), L | k ~ Bin(k, (D - d) / (2 D)), l*(k) the most losses among k
/// discordant pairs whose Z still reaches z; the supremum is taken on a grid of <see cref="GridPoints"/> values of D
/// refined by golden-section search around the largest.
/// </para>
/// </summary>
public static class ExactUnconditional
{
    /// <summary>Berger-Boos level: C misses the true D with probability at most gamma, which is added to the p-value.</summary>
    public const double Gamma = 1e-4;
    public const int GridPoints = 24;
    private const int RefineSteps = 16;

    /// <summary>The score statistic Z for <paramref name="losses"/> and <paramref name="wins"/> of <paramref name="pairs"/> under d = delta.</summary>
    public static double Score(int losses, int wins, int pairs, double delta)
    {
        double n = pairs, l = losses, w = wins, t = pairs - losses - wins;
        // d/dD of the log-likelihood W ln(D + delta) + L ln(D - delta) + T ln(1 - D) is zero where n D^2 - b D - c = 0.
        var b = w * (1 + delta) + l * (1 - delta);
        var c = delta * (l - w) + t * delta * delta;
        var restricted = Math.Clamp((b + Math.Sqrt(Math.Max(0, b * b + 4 * n * c))) / (2 * n), Math.Abs(delta), 1);
        var variance = Math.Max(n * (restricted - delta * delta), 1e-12);
        return (w - l - n * delta) / Math.Sqrt(variance);
    }

    /// <summary>p-value of H0: d &lt;= delta against d &gt; delta (with delta = -margin: the non-inferiority test).</summary>
    public static double GreaterThan(McNemarTable table, double delta) => GreaterThan(table, delta, double.PositiveInfinity);

    /// <summary>
    /// Whether <see cref="GreaterThan(McNemarTable, double)"/> is at most <paramref name="alpha"/>, stopping as soon as one
    /// value of D shows it is not (the same answer, faster: for simulations and the interval search).
    /// </summary>
    public static bool Rejects(McNemarTable table, double delta, double alpha) => GreaterThan(table, delta, alpha - Gamma) <= alpha;

    /// <param name="stopAbove">The supremum search may stop once a tail probability exceeds this.</param>
    private static double GreaterThan(McNemarTable table, double delta, double stopAbove)
    {
        var (n, discordant) = (table.Pairs, table.Discordant);
        if (n == 0 || delta >= 1) return 1;
        if (delta < -1) return 0;
        var low = Math.Max(Math.Max(0, -delta), Binomial.LowerBound(discordant, n, Gamma / 2));
        var high = Binomial.UpperBound(discordant, n, Gamma / 2);
        // H0 needs D >= -delta: when C lies below, the data exclude H0 (up to gamma).
        if (high < low) return Gamma;
        var tail = new Tail(table, delta);
        var observed = Math.Clamp(discordant / (double)n, low, high);
        return Math.Min(1, Gamma + Maximise(tail.At, low, high, observed, stopAbove));
    }

    /// <summary>p-value of H0: d &gt;= delta against d &lt; delta (with delta = -margin: the candidate is worse by more than the margin).</summary>
    public static double LessThan(McNemarTable table, double delta) => GreaterThan(table.Swapped, -delta);

    /// <summary>
    /// The 1 - 2 alpha interval for d from inverting the two one-sided tests. The search for each bound starts on
    /// the side of -margin its test decides, so the interval agrees with the decisions at the margin (lower bound
    /// above -margin exactly when non-inferiority is shown, upper bound below -margin exactly when "worse" is).
    /// </summary>
    public static (double Low, double High) Interval(McNemarTable table, double alpha, double margin)
    {
        if (table.Pairs == 0) return (-1, 1);
        var low = Boundary(delta => Rejects(table, delta, alpha), -margin);
        var high = -Boundary(delta => Rejects(table.Swapped, delta, alpha), margin);
        return (low, high);
    }

    /// <summary>The delta where <paramref name="rejected"/> turns from true to false, searched on the side of <paramref name="pivot"/> it gives.</summary>
    private static double Boundary(Func<double, bool> rejected, double pivot)
    {
        double low, high;
        if (rejected(pivot)) (low, high) = (pivot, 1);
        else if (rejected(-1)) (low, high) = (-1, pivot);
        else return -1;
        for (var i = 0; i < 26; i++)
        {
            var mid = 0.5 * (low + high);
            if (rejected(mid)) low = mid; else high = mid;
        }
        return low;
    }

    /// <summary>
    /// Largest value of <paramref name="f"/> on [a, b]: first at <paramref name="start"/> (the observed discordance, where
    /// it often is), then on a grid, then by golden-section search between the best grid point's neighbours; returns
    /// early with a value above <paramref name="stopAbove"/> as soon as one is found.
    /// </summary>
    private static double Maximise(Func<double, double> f, double a, double b, double start, double stopAbove)
    {
        var best = f(start);
        if (best > stopAbove || b - a < 1e-12) return best;
        var step = (b - a) / (GridPoints - 1);
        var (gridBest, bestAt) = (double.NegativeInfinity, 0);
        for (var i = 0; i < GridPoints; i++)
        {
            var value = f(a + i * step);
            if (value > stopAbove) return value;
            if (value > gridBest) (gridBest, bestAt) = (value, i);
        }
        double lo = a + Math.Max(0, bestAt - 1) * step, hi = a + Math.Min(GridPoints - 1, bestAt + 1) * step;
        const double ratio = 0.6180339887498949;
        double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo), f1 = f(x1), f2 = f(x2);
        for (var i = 0; i < RefineSteps && Math.Max(f1, f2) <= stopAbove; i++)
        {
            if (f1 >= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - ratio * (hi - lo); f1 = f(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + ratio * (hi - lo); f2 = f(x2); }
        }
        return Math.Max(Math.Max(best, gridBest), Math.Max(f1, f2));
    }

    /// <summary>P(Z &gt;= observed Z) as a function of D, with the rejection region's l*(k) cached across values of D.</summary>
    private sealed class Tail
    {
        private readonly int _n;
        private readonly double _delta, _observed;
        private readonly int[] _mostLosses;

        public Tail(McNemarTable table, double delta)
        {
            (_n, _delta) = (table.Pairs, delta);
            // A hair below the observed value, so that the observed table (and its ties in Z) is in the region.
            var z = Score(table.Losses, table.Wins, table.Pairs, delta);
            _observed = z - 1e-9 * Math.Max(1, Math.Abs(z));
            _mostLosses = new int[_n + 1];
            Array.Fill(_mostLosses, int.MinValue);
        }

        public double At(double discordance)
        {
            var d = Math.Min(_delta, discordance); // least favourable difference at this D
            if (discordance <= 0) return MostLosses(0) >= 0 ? 1 : 0;
            var lossShare = Math.Clamp((discordance - d) / (2 * discordance), 0, 1);
            if (discordance >= 1) return Binomial.LowerTail(MostLosses(_n), _n, lossShare);
            // k ~ Bin(n, D): sum from the mode outwards while the terms matter.
            var mode = Math.Clamp((int)Math.Floor((_n + 1) * discordance), 0, _n);
            var modeTerm = Math.Exp(Binomial.LogPmf(mode, _n, discordance));
            var odds = discordance / (1 - discordance);
            var sum = modeTerm * Conditional(mode, lossShare);
            var term = modeTerm;
            for (var k = mode + 1; k <= _n; k++)
            {
                term *= (_n - k + 1) / (double)k * odds;
                if (term < 1e-16 * modeTerm) break;
                sum += term * Conditional(k, lossShare);
            }
            term = modeTerm;
            for (var k = mode - 1; k >= 0; k--)
            {
                term *= (k + 1) / (double)(_n - k) / odds;
                if (term < 1e-16 * modeTerm) break;
                sum += term * Conditional(k, lossShare);
            }
            return Math.Min(1, sum);
        }

        private double Conditional(int k, double lossShare) => Binomial.LowerTail(MostLosses(k), k, lossShare);

        /// <summary>l*(k): the most losses among k discordant pairs with Z &gt;= observed (Z decreases with each loss), -1 if none.</summary>
        private int MostLosses(int k)
        {
            if (_mostLosses[k] != int.MinValue) return _mostLosses[k];
            int found;
            if (Score(0, k, _n, _delta) < _observed) found = -1;
            else
            {
                int lo = 0, hi = k; // Z(lo) >= observed
                while (lo < hi)
                {
                    var mid = (lo + hi + 1) / 2;
                    if (Score(mid, k - mid, _n, _delta) >= _observed) lo = mid; else hi = mid - 1;
                }
                found = lo;
            }
            return _mostLosses[k] = found;
        }
    }
}
