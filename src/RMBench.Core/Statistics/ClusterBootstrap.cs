using System.Collections;
using RMBench.Core.Metrics;
using RMBench.Core.Suites;

namespace RMBench.Core.Statistics;

/// <summary>A point estimate with its bootstrap percentile interval.</summary>
/// <param name="Observed">The statistic's value on the observed outcomes (key, value, N, label).</param>
/// <param name="Resamples">How many resamples gave a finite value for this key (the interval's basis).</param>
public sealed record BootstrapEstimate(MetricValue Observed, double Low, double High, int Resamples)
{
    public string Key => Observed.Key;
    public double Value => Observed.Value;
}

/// <summary>
/// Percentile bootstrap over item outcomes that resamples clusters (prompts), not items, stratified by
/// subset: within each subset its clusters are drawn with replacement, as many as it has, so every subset
/// keeps its cluster count and items that share a prompt always move together. (A prompt that appears in
/// two subsets is two resampling units, one per subset.)
/// <para>
/// Deterministic: outcomes are put in canonical order first (<see cref="OutcomeSet"/>: subsets in ordinal order,
/// clusters by hash, items by value), and all draws
/// come from one <see cref="Pcg32"/> seeded with <see cref="BootstrapOptions.Seed"/>, so the same seed and the
/// same outcomes in any input order give identical intervals.
/// </para>
/// <para>
/// Fast: one resample costs one draw per cluster plus the statistic. Subset-additive statistics read
/// <see cref="BootstrapSample.Totals"/> (per-subset sums accumulated from precomputed cluster sums); only a
/// statistic that asks for <see cref="BootstrapSample.Outcomes"/> pays for materialising the resampled list.
/// Every key a statistic returns is collected from the same resample.
/// </para>
/// <para>
/// Interval: the (1 - confidence)/2 and (1 + confidence)/2 quantiles of the resampled values, linear
/// interpolation between order statistics (Hyndman-Fan type 7, numpy's default). With a skewed statistic
/// or few clusters the percentile interval can miss the point estimate; it is then widened to reach it,
/// so <c>Low &lt;= Value &lt;= High</c> always holds.
/// </para>
/// </summary>
public sealed class ClusterBootstrap
{
    private readonly ItemOutcome[]? _outcomes;
    private readonly SubsetIndex _subsets;
    // Subset s owns clusters [_subsetStart[s], _subsetStart[s + 1]).
    private readonly int[] _subsetStart;
    // Cluster c owns the items at canonical positions [_clusterStart[c], _clusterStart[c + 1]) (of _outcomes when kept).
    private readonly int[] _clusterStart;
    private readonly double[] _clusterSum;
    private readonly int[] _clusterCount;

    public ClusterBootstrap(IEnumerable<ItemOutcome> outcomes) : this(OutcomeSet.Of(outcomes)) { }

    /// <summary>Over a set's columns; <see cref="BootstrapSample.Outcomes"/> is available only when the set kept its outcomes.</summary>
    public ClusterBootstrap(OutcomeSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _outcomes = set.OutcomeArray;
        _subsets = set.Subsets;
        var order = set.Order;

        // Canonical order groups items by subset, then cluster: one pass finds the boundaries.
        var clusterTotal = 0;
        for (var k = 0; k < order.Count; k++)
            if (k == 0 || NewCluster(set, order[k - 1], order[k])) clusterTotal++;
        _subsetStart = new int[_subsets.Names.Count + 1];
        _clusterStart = new int[clusterTotal + 1];
        _clusterSum = new double[clusterTotal];
        _clusterCount = new int[clusterTotal];
        var (cluster, subset) = (-1, -1);
        for (var k = 0; k < order.Count; k++)
        {
            var i = order[k];
            if (k == 0 || NewCluster(set, order[k - 1], i))
            {
                cluster++;
                _clusterStart[cluster] = k;
                for (; subset < set.SubsetOf[i]; subset++) _subsetStart[subset + 1] = cluster;
            }
            _clusterSum[cluster] += set.ValueOf[i];
            _clusterCount[cluster]++;
        }
        for (; subset < _subsets.Names.Count; subset++) _subsetStart[subset + 1] = clusterTotal;
        _clusterStart[clusterTotal] = order.Count;
        Totals = SubsetTotals.From(set);
    }

    private static bool NewCluster(OutcomeSet set, int previous, int current) =>
        set.SubsetOf[previous] != set.SubsetOf[current] || set.ClusterOf[previous] != set.ClusterOf[current];

    /// <summary>The outcomes in canonical order (see <see cref="OutcomeSet"/>).</summary>
    /// <exception cref="InvalidOperationException">The set did not keep its outcomes.</exception>
    public IReadOnlyList<ItemOutcome> Outcomes => _outcomes ?? throw NotKept();

    internal static InvalidOperationException NotKept() =>
        new("These outcomes were kept as columns only (every metric of the suite is subset-additive); a statistic asked for whole outcomes.");

    /// <summary>Per-subset totals of the observed outcomes.</summary>
    public SubsetTotals Totals { get; }

    /// <summary>Number of resampling units (distinct subset + cluster pairs).</summary>
    public int ClusterCount => _clusterSum.Length;

    /// <summary>
    /// Evaluates <paramref name="statistic"/> on the observed outcomes and on <see cref="BootstrapOptions.Resamples"/>
    /// cluster resamples, and returns, for each key it gives on the observed outcomes (in that order), the
    /// value with its percentile interval. A key whose observed value is not finite is left out; a resample
    /// where a key is missing or not finite does not count toward that key's interval.
    /// </summary>
    /// <param name="statistic">A pure function of a sample; it must not keep the sample after returning.</param>
    public IReadOnlyList<BootstrapEstimate> Estimate(Func<BootstrapSample, IEnumerable<MetricValue>> statistic, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Resamples);
        if (!(options.Confidence > 0 && options.Confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Confidence, "Confidence must be strictly between 0 and 1.");

        // Observed sample: every cluster once, in order.
        var drawn = new int[ClusterCount];
        for (var c = 0; c < drawn.Length; c++) drawn[c] = c;
        var observedSample = new BootstrapSample(this, Totals, drawn, observed: true);
        var observed = new List<MetricValue>();
        var keyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in statistic(observedSample))
        {
            if (keyIndex.ContainsKey(value.Key))
                throw new InvalidOperationException($"The statistic returned the key '{value.Key}' twice.");
            keyIndex[value.Key] = double.IsFinite(value.Value) ? observed.Count : -1;
            if (double.IsFinite(value.Value)) observed.Add(value);
        }
        observedSample.Invalidate();

        var values = new double[observed.Count][];
        for (var k = 0; k < values.Length; k++) values[k] = new double[options.Resamples];
        var filled = new int[observed.Count];
        var lastSeen = new int[observed.Count];
        Array.Fill(lastSeen, -1);

        var rng = new Pcg32(options.Seed);
        var subsetCount = _subsets.Names.Count;
        for (var b = 0; b < options.Resamples; b++)
        {
            var sums = new double[subsetCount];
            var items = new int[subsetCount];
            for (var s = 0; s < subsetCount; s++)
            {
                int start = _subsetStart[s], count = _subsetStart[s + 1] - start;
                double sum = 0;
                var n = 0;
                for (var j = 0; j < count; j++)
                {
                    var c = start + rng.NextInt(count);
                    drawn[start + j] = c;
                    sum += _clusterSum[c];
                    n += _clusterCount[c];
                }
                sums[s] = sum;
                items[s] = n;
            }
            var sample = new BootstrapSample(this, new SubsetTotals(_subsets, sums, items), drawn);
            foreach (var value in statistic(sample))
            {
                if (!keyIndex.TryGetValue(value.Key, out var k) || k < 0) continue;
                if (lastSeen[k] == b)
                    throw new InvalidOperationException($"The statistic returned the key '{value.Key}' twice.");
                lastSeen[k] = b;
                if (double.IsFinite(value.Value)) values[k][filled[k]++] = value.Value;
            }
            sample.Invalidate();
        }

        var results = new BootstrapEstimate[observed.Count];
        for (var k = 0; k < results.Length; k++)
        {
            var point = observed[k].Value;
            var (low, high) = PercentileInterval(values[k].AsSpan(0, filled[k]), options.Confidence, point);
            results[k] = new BootstrapEstimate(observed[k], low, high, filled[k]);
        }
        return results;
    }

    /// <summary>
    /// Percentile interval of <paramref name="values"/> (sorted in place), type-7 quantiles, widened to contain
    /// <paramref name="point"/>. With no values the interval is the point itself.
    /// </summary>
    public static (double Low, double High) PercentileInterval(Span<double> values, double confidence, double point)
    {
        if (values.Length == 0) return (point, point);
        values.Sort();
        var alpha = (1 - confidence) / 2;
        var low = Quantile(values, alpha);
        var high = Quantile(values, 1 - alpha);
        return (Math.Min(low, point), Math.Max(high, point));
    }

    /// <summary>Type-7 quantile of sorted values: linear interpolation at position (n - 1) p.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) throw new ArgumentException("No values.", nameof(sorted));
        var h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1) return sorted[^1];
        var fraction = h - below;
        return fraction == 0 ? sorted[below] : sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
    }

    internal ItemOutcome[] OutcomeArray => _outcomes ?? throw NotKept();
    internal int[] ClusterStart => _clusterStart;
}

/// <summary>
/// One sample a bootstrap statistic is evaluated on: the observed outcomes or a resample. Valid only while
/// the statistic runs (its buffers are reused by the next resample).
/// </summary>
public sealed class BootstrapSample
{
    private readonly ClusterBootstrap _owner;
    private readonly int[] _drawn;
    private readonly bool _observed;
    private ResampledOutcomes? _outcomes;
    private bool _valid = true;

    internal BootstrapSample(ClusterBootstrap owner, SubsetTotals totals, int[] drawn, bool observed = false)
    {
        _owner = owner;
        Totals = totals;
        _drawn = drawn;
        _observed = observed;
    }

    /// <summary>Per-subset item counts and value sums of this sample.</summary>
    public SubsetTotals Totals { get; }

    /// <summary>
    /// The sample's outcomes: for the observed sample all outcomes in id order; for a resample, materialised
    /// on first use, subset by subset, each drawn cluster's items in id order. A resample repeats items
    /// (same id) when a cluster is drawn more than once; treat each entry as a separate item.
    /// </summary>
    public IReadOnlyList<ItemOutcome> Outcomes
    {
        get
        {
            if (!_valid) throw new InvalidOperationException("A bootstrap sample was used after its statistic returned.");
            return _outcomes ??= Materialise();
        }
    }

    internal void Invalidate()
    {
        _valid = false;
        _outcomes?.Invalidate();
    }

    private ResampledOutcomes Materialise()
    {
        var source = _owner.OutcomeArray;
        if (_observed) return new ResampledOutcomes(source);
        var clusterStart = _owner.ClusterStart;
        var count = 0;
        foreach (var c in _drawn) count += clusterStart[c + 1] - clusterStart[c];
        var items = new ItemOutcome[count];
        var position = 0;
        foreach (var c in _drawn)
            for (var i = clusterStart[c]; i < clusterStart[c + 1]; i++)
                items[position++] = source[i];
        return new ResampledOutcomes(items);
    }

    /// <summary>A read-only view that refuses use after its sample's statistic returned.</summary>
    private sealed class ResampledOutcomes(ItemOutcome[] items) : IReadOnlyList<ItemOutcome>
    {
        private ItemOutcome[]? _items = items;

        public ItemOutcome this[int index] => Items[index];
        public int Count => Items.Length;
        public IEnumerator<ItemOutcome> GetEnumerator() => ((IEnumerable<ItemOutcome>)Items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Invalidate() => _items = null;

        private ItemOutcome[] Items =>
            _items ?? throw new InvalidOperationException("A bootstrap sample was used after its statistic returned.");
    }
}
