using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Gate;

/// <summary>One item judged in both runs (same suite and id).</summary>
public sealed record PairedItem(ItemOutcome Baseline, ItemOutcome Candidate)
{
    public string Id => Baseline.Id;
    public string Subset => Baseline.Subset;
    public string Cluster => Baseline.Cluster;
}

/// <param name="Difference">Metric(candidate) - metric(baseline) on the observed items.</param>
/// <param name="Low">Type-7 alpha quantile of the resampled differences (with <paramref name="High"/>: a 1 - 2 alpha interval).</param>
/// <param name="PGreater">p-value of H0: difference &lt;= delta, (1 + #{d* &lt;= delta}) / (B + 1).</param>
/// <param name="PLess">p-value of H0: difference &gt;= delta, (1 + #{d* &gt;= delta}) / (B + 1).</param>
/// <param name="Resamples">B: resamples on which both runs' metric was defined.</param>
public sealed record PairedBootstrapResult(double Baseline, double Candidate, double Difference, double Low, double High,
    double PGreater, double PLess, int Resamples);

/// <summary>
/// Paired percentile bootstrap of a metric difference between two runs on the same items. Resampling is
/// the run bootstrap's (<see cref="ClusterBootstrap"/>): within each subset its clusters (prompts) are drawn
/// with replacement, as many as it has, from one <see cref="Pcg32"/> with a fixed seed; a drawn cluster
/// brings its items in both runs, so the pairing is kept and items sharing a prompt move together.
/// <para>
/// The p-values are the percentile-interval tests: PGreater &lt;= alpha implies the alpha quantile (the
/// interval's lower bound) is above delta, and PLess &lt;= alpha that the 1 - alpha quantile is below it.
/// </para>
/// </summary>
public static class PairedBootstrap
{
    public static PairedBootstrapResult Run(IReadOnlyList<PairedItem> items, GateMetric metric, double delta, double alpha, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var clusters = Clusters.Of(items);
        var baseline = metric.Compute(items.Select(i => i.Baseline).ToList());
        var candidate = metric.Compute(items.Select(i => i.Candidate).ToList());
        if (baseline is not { } b || candidate is not { } c)
            throw new InvalidOperationException($"metric '{metric.Key}' is undefined on the observed items");

        var differences = new List<double>(resamples);
        var rng = new Pcg32(seed);
        var drawn = new int[clusters.Count];
        for (var r = 0; r < resamples; r++)
        {
            clusters.Draw(rng, drawn);
            var (sampleBase, sampleCand) = metric.UsesTotals
                ? (metric.Compute(clusters.Totals(drawn, baseline: true)), metric.Compute(clusters.Totals(drawn, baseline: false)))
                : (metric.Compute(clusters.Outcomes(drawn, baseline: true)), metric.Compute(clusters.Outcomes(drawn, baseline: false)));
            if (sampleBase is { } sb && sampleCand is { } sc) differences.Add(sc - sb);
        }

        var difference = c - b;
        if (differences.Count == 0) return new PairedBootstrapResult(b, c, difference, difference, difference, 1, 1, 0);
        var sorted = differences.ToArray();
        Array.Sort(sorted);
        var atOrBelow = sorted.Count(d => d <= delta);
        var atOrAbove = sorted.Count(d => d >= delta);
        double PValue(int count) => (1.0 + count) / (sorted.Length + 1.0);
        return new PairedBootstrapResult(b, c, difference,
            ClusterBootstrap.Quantile(sorted, alpha), ClusterBootstrap.Quantile(sorted, 1 - alpha),
            PValue(atOrBelow), PValue(atOrAbove), sorted.Length);
    }

    /// <summary>Number of resampling units: distinct (subset, cluster) pairs.</summary>
    public static int ClusterCount(IReadOnlyList<PairedItem> items) =>
        items.Select(i => (i.Subset, i.Cluster)).Distinct().Count();

    /// <summary>Items grouped by subset (ordinal), then cluster (ordinal), with per-cluster sums of both runs.</summary>
    private sealed class Clusters
    {
        private readonly SubsetIndex _subsets;
        private readonly int[] _subsetStart;   // subset s owns clusters [_subsetStart[s], _subsetStart[s + 1])
        private readonly int[] _subsetOfCluster;
        private readonly PairedItem[][] _members;
        private readonly double[] _baseSum, _candSum;

        private Clusters(SubsetIndex subsets, int[] subsetStart, int[] subsetOfCluster, PairedItem[][] members)
        {
            _subsets = subsets;
            _subsetStart = subsetStart;
            _subsetOfCluster = subsetOfCluster;
            _members = members;
            _baseSum = members.Select(m => m.Sum(i => i.Baseline.Value)).ToArray();
            _candSum = members.Select(m => m.Sum(i => i.Candidate.Value)).ToArray();
        }

        public int Count => _members.Length;

        public static Clusters Of(IReadOnlyList<PairedItem> items)
        {
            var ordered = items.OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
            var subsets = SubsetIndex.Of(ordered.Select(i => i.Baseline));
            var groups = ordered
                .GroupBy(i => (i.Subset, i.Cluster))
                .OrderBy(g => g.Key.Subset, StringComparer.Ordinal).ThenBy(g => g.Key.Cluster, StringComparer.Ordinal)
                .ToList();
            var subsetStart = new int[subsets.Names.Count + 1];
            var subsetOfCluster = new int[groups.Count];
            for (var c = 0; c < groups.Count; c++)
            {
                subsetOfCluster[c] = subsets.IndexOf(groups[c].Key.Subset);
                subsetStart[subsetOfCluster[c] + 1] = c + 1;
            }
            return new Clusters(subsets, subsetStart, subsetOfCluster, groups.Select(g => g.ToArray()).ToArray());
        }

        /// <summary>Within each subset, as many clusters as it has, drawn with replacement (the run bootstrap's order of draws).</summary>
        public void Draw(Pcg32 rng, int[] drawn)
        {
            for (var s = 0; s + 1 < _subsetStart.Length; s++)
            {
                int start = _subsetStart[s], count = _subsetStart[s + 1] - start;
                for (var j = 0; j < count; j++) drawn[start + j] = start + rng.NextInt(count);
            }
        }

        public SubsetTotals Totals(int[] drawn, bool baseline)
        {
            var sums = new double[_subsets.Names.Count];
            var items = new int[_subsets.Names.Count];
            var source = baseline ? _baseSum : _candSum;
            foreach (var c in drawn)
            {
                var s = _subsetOfCluster[c];
                sums[s] += source[c];
                items[s] += _members[c].Length;
            }
            return new SubsetTotals(_subsets, sums, items);
        }

        public IReadOnlyList<ItemOutcome> Outcomes(int[] drawn, bool baseline)
        {
            var list = new List<ItemOutcome>();
            foreach (var c in drawn)
                foreach (var item in _members[c]) list.Add(baseline ? item.Baseline : item.Candidate);
            return list;
        }
    }
}
