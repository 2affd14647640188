namespace RMBench.Core.Metrics.BonCurve;

/// <summary>
/// The exact expected gold score of best-of-n selection: n of the N responses are drawn uniformly without
/// replacement, the proxy picks the one it scores highest (a tie at the top is split evenly among the tied
/// drawn responses), and the pick's gold score is averaged over all C(N, n) subsets. Computed from order
/// statistics, not by enumerating subsets: response i with L responses scored strictly below it and T - 1
/// others tied with it is picked with probability sum_k C(T-1, k) C(L, n-1-k) / C(N, n) / (k + 1), k counting the
/// tied responses drawn with it.
/// </summary>
public static class BestOfNExpectation
{
    /// <summary>E[gold of the pick] for n = 1..N (index n - 1).</summary>
    public static double[] Curve(IReadOnlyList<double> proxy, IReadOnlyList<double> gold)
    {
        if (proxy.Count != gold.Count) throw new ArgumentException($"{proxy.Count} proxy scores but {gold.Count} gold scores");
        var count = proxy.Count;
        var binomial = Pascal(count);
        var below = new int[count];
        var tied = new int[count];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < count; j++)
            {
                if (proxy[j] < proxy[i]) below[i]++;
                else if (proxy[j] == proxy[i]) tied[i]++;
            }
        var curve = new double[count];
        for (var n = 1; n <= count; n++)
        {
            var expected = 0.0;
            for (var i = 0; i < count; i++) expected += gold[i] * PickProbability(below[i], tied[i], n, binomial);
            curve[n - 1] = expected / binomial[count][n];
        }
        return curve;
    }

    /// <summary>Times C(N, n): the number of subsets of size n in which this response is picked, ties counted fractionally.</summary>
    private static double PickProbability(int below, int tied, int n, double[][] binomial)
    {
        var weight = 0.0;
        for (var k = 0; k <= Math.Min(tied - 1, n - 1); k++)
        {
            var fromBelow = n - 1 - k;
            if (fromBelow > below) continue;
            weight += binomial[tied - 1][k] * binomial[below][fromBelow] / (k + 1);
        }
        return weight;
    }

    /// <summary>KL divergence of best-of-n from the base policy: log n - (n - 1) / n.</summary>
    public static double KlBon(int n) => Math.Log(n) - (n - 1) / (double)n;

    private static double[][] Pascal(int max)
    {
        var rows = new double[max + 1][];
        for (var m = 0; m <= max; m++)
        {
            rows[m] = new double[m + 1];
            rows[m][0] = rows[m][m] = 1;
            for (var k = 1; k < m; k++) rows[m][k] = rows[m - 1][k - 1] + rows[m - 1][k];
        }
        return rows;
    }
}
