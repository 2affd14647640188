namespace RMBench.Core.Gate;

/// <summary>
/// Exact binomial tail probabilities and Clopper-Pearson bounds, for the gate's McNemar tests. Tails are
/// summed term by term from the requested end (ratio recursion from one log-space term), so small tail
/// probabilities keep their relative precision; the complementary side is used only when it is the small one.
/// </summary>
public static class Binomial
{
    /// <summary>P(X &lt;= k) for X ~ Binomial(n, p).</summary>
    public static double LowerTail(int k, int n, double p)
    {
        Check(n, p);
        if (k < 0) return 0;
        if (k >= n) return 1;
        if (p <= 0) return 1;
        if (p >= 1) return 0;
        return k <= n * p ? SumDown(k, n, p) : Math.Max(0, 1 - SumUp(k + 1, n, p));
    }

    /// <summary>P(X &gt;= k) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(int k, int n, double p)
    {
        Check(n, p);
        if (k <= 0) return 1;
        if (k > n) return 0;
        if (p <= 0) return 0;
        if (p >= 1) return 1;
        return k >= n * p ? SumUp(k, n, p) : Math.Max(0, 1 - SumDown(k - 1, n, p));
    }

    /// <summary>
    /// One-sided Clopper-Pearson upper bound at level 1 - <paramref name="gamma"/> for a proportion with
    /// <paramref name="x"/> successes in <paramref name="n"/> trials: the p with P(X &lt;= x | p) = gamma (1 when x = n).
    /// </summary>
    public static double UpperBound(int x, int n, double gamma)
    {
        CheckBound(x, n, gamma);
        if (x >= n) return 1;
        if (x == 0) return 1 - Math.Pow(gamma, 1.0 / n); // closed form: (1 - p)^n = gamma
        return Bisect(p => LowerTail(x, n, p) > gamma);
    }

    /// <summary>One-sided Clopper-Pearson lower bound: the p with P(X &gt;= x | p) = gamma (0 when x = 0).</summary>
    public static double LowerBound(int x, int n, double gamma)
    {
        CheckBound(x, n, gamma);
        if (x <= 0) return 0;
        if (x == n) return Math.Pow(gamma, 1.0 / n); // closed form: p^n = gamma
        return Bisect(p => UpperTail(x, n, p) < gamma);
    }

    /// <summary>Natural log of n!.</summary>
    public static double LogFactorial(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n < SmallFactorials.Length) return SmallFactorials[n];
        // Stirling's series for ln Gamma(x), x = n + 1 >= 257: the omitted terms are below 1e-20.
        double x = n + 1, x2 = x * x;
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI)
               + 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2);
    }

    private static readonly double[] SmallFactorials = BuildSmallFactorials(256);

    private static double[] BuildSmallFactorials(int count)
    {
        var table = new double[count];
        for (var i = 1; i < count; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }

    internal static double LogPmf(int k, int n, double p) =>
        LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k) + k * Math.Log(p) + (n - k) * double.LogP1(-p);

    /// <summary>Sum of P(X = i) for i = k down to 0 (k at most the mean: the terms shrink going down).</summary>
    private static double SumDown(int k, int n, double p)
    {
        var term = Math.Exp(LogPmf(k, n, p));
        var sum = term;
        var ratio = (1 - p) / p;
        for (var i = k; i > 0 && term > sum * 1e-17; i--)
        {
            term *= i / (double)(n - i + 1) * ratio;
            sum += term;
        }
        return Math.Min(1, sum);
    }

    /// <summary>Sum of P(X = i) for i = k up to n (k at least the mean).</summary>
    private static double SumUp(int k, int n, double p)
    {
        var term = Math.Exp(LogPmf(k, n, p));
        var sum = term;
        var ratio = p / (1 - p);
        for (var i = k; i < n && term > sum * 1e-17; i++)
        {
            term *= (n - i) / (double)(i + 1) * ratio;
            sum += term;
        }
        return Math.Min(1, sum);
    }

    /// <summary>The boundary in (0, 1) where <paramref name="below"/> turns from true to false, to about 1e-12.</summary>
    private static double Bisect(Func<double, bool> below)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 45; i++)
        {
            var mid = 0.5 * (low + high);
            if (below(mid)) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }

    private static void Check(int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be in [0, 1].");
    }

    private static void CheckBound(int x, int n, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (x < 0 || x > n) throw new ArgumentOutOfRangeException(nameof(x), x, "Successes must be in [0, n].");
        if (!(gamma > 0 && gamma < 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1).");
    }
}
