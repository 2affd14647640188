namespace RMBench.Core.Gate;

/// <summary>
/// Holm's step-down adjustment (Holm 1979), which controls the family-wise error rate across the suites of
/// one gate: sort the m raw p-values ascending, p_(i) becomes max over j &lt;= i of min(1, (m - j + 1) p_(j)).
/// Rejecting where the adjusted value is &lt;= alpha is Holm's procedure. Ties keep their input order.
/// </summary>
public static class Holm
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], "A p-value must be in [0, 1].");
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
