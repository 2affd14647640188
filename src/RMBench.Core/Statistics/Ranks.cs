namespace RMBench.Core.Statistics;

/// <summary>Rank statistics: average ranks with ties, Spearman's rho, and AUROC in its Mann-Whitney form.</summary>
public static class Ranks
{
    /// <summary>1-based ranks; tied values share the mean of the ranks they span (e.g. [5, 7, 7, 9] -> [1, 2.5, 2.5, 4]).</summary>
    public static double[] Average(IReadOnlyList<double> values)
    {
        // Sort a copy of the values with their positions (the order inside a run of ties does not matter).
        var sorted = values.ToArray();
        var order = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(sorted, order);
        var ranks = new double[sorted.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && sorted[end] == sorted[start]) end++;
            var rank = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }

    /// <summary>
    /// Spearman's rho: the Pearson correlation of the average ranks of x and y. NaN when there are fewer
    /// than two points or either variable is constant (no ranking to correlate).
    /// </summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y need the same length.", nameof(y));
        if (x.Count < 2) return double.NaN;
        var rx = Average(x);
        var ry = Average(y);
        var (mx, my) = (rx.Average(), ry.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            var (dx, dy) = (rx[i] - mx, ry[i] - my);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Area under the ROC curve of scores for positives against negatives: the probability that a random
    /// positive scores above a random negative, a tie counting 1/2 (Mann-Whitney U / (P N), from average
    /// ranks). NaN without positives or without negatives.
    /// </summary>
    public static double Auroc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("scores and labels need the same length.", nameof(positive));
        var ranks = Average(scores);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (!positive[i]) continue;
            positives++;
            rankSum += ranks[i];
        }
        var negatives = ranks.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
