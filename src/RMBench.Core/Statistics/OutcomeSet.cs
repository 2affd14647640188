using System.IO.Hashing;
using System.Runtime.InteropServices;
using RMBench.Core.Suites;

namespace RMBench.Core.Statistics;

/// <summary>
/// The judged items of one suite as the bootstrap needs them, in columns: subset, cluster, value, ties and
/// invalid, 25 bytes an item, so a suite of a million items costs tens of megabytes.
/// The full <see cref="ItemOutcome"/> objects (ids, extras) are kept only when asked for: metrics that are
/// not subset-additive need them (<see cref="Outcomes"/>); the run writes them to outcomes.parquet as it goes.
/// <para>
/// Canonical order (what makes results independent of input order): subset (ordinal), then a 64-bit
/// hash of the cluster, then value, ties and invalid, then (when the outcomes are kept) a 64-bit hash of the id. Clusters are told apart
/// by their hash; two different prompts of a subset sharing one (odds about 3e-8 for a million) would be
/// resampled together, which changes no point estimate.
/// </para>
/// </summary>
public sealed class OutcomeSet
{
    private readonly int[] _order; // item positions in canonical order

    private OutcomeSet(SubsetIndex subsets, int[] subset, ulong[] cluster, ulong[]? id, double[] value, int[] ties, bool[] invalid,
        ItemOutcome[]? outcomes)
    {
        Subsets = subsets;
        (SubsetOf, ClusterOf, ValueOf, TiesOf, InvalidOf) = (subset, cluster, value, ties, invalid);
        _order = CanonicalOrder(subsets, subset, cluster, id, value, ties, invalid);
        if (outcomes is not null) OutcomeArray = [.. _order.Select(i => outcomes[i])];
    }

    public int Count => _order.Length;
    internal SubsetIndex Subsets { get; }
    /// <summary>Per item (input position): subset index in <see cref="Subsets"/> (ordinal name order).</summary>
    internal int[] SubsetOf { get; }
    internal ulong[] ClusterOf { get; }
    internal double[] ValueOf { get; }
    internal int[] TiesOf { get; }
    internal bool[] InvalidOf { get; }
    /// <summary>Item positions in canonical order.</summary>
    internal IReadOnlyList<int> Order => _order;

    /// <summary>The outcomes in canonical order, when kept (<see cref="Builder"/> with keepOutcomes); else null.</summary>
    public IReadOnlyList<ItemOutcome>? Outcomes => OutcomeArray;

    internal ItemOutcome[]? OutcomeArray { get; }

    /// <summary>A set of the given outcomes, keeping them unless <paramref name="keepOutcomes"/> is false.</summary>
    public static OutcomeSet Of(IEnumerable<ItemOutcome> outcomes, bool keepOutcomes = true)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes as IReadOnlyCollection<ItemOutcome> ?? [.. outcomes];
        var builder = new Builder(list.Count, keepOutcomes);
        foreach (var outcome in list) builder.Add(outcome);
        return builder.Build();
    }

    /// <summary>64-bit hash of a cluster key (UTF-16 code units).</summary>
    public static ulong ClusterHash(string cluster) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(cluster.AsSpan()));

    /// <summary>64-bit hash of an item id (UTF-16 code units).</summary>
    public static ulong IdHash(string id) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    /// <remarks>
    /// The id key comes last and only with kept outcomes: items of one cluster that tie on value, ties and
    /// invalid are interchangeable for everything computed from the columns, so sums (and intervals) are the
    /// same with or without kept outcomes, in any input order.
    /// </remarks>
    private static int[] CanonicalOrder(SubsetIndex subsets, int[] subset, ulong[] cluster, ulong[]? id, double[] value, int[] ties, bool[] invalid)
    {
        var order = new int[subset.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = subset[x].CompareTo(subset[y]);
            if (c == 0) c = cluster[x].CompareTo(cluster[y]);
            if (c == 0) c = value[x].CompareTo(value[y]);
            if (c == 0) c = ties[x].CompareTo(ties[y]);
            if (c == 0) c = invalid[x].CompareTo(invalid[y]);
            if (c == 0 && id is not null) c = id[x].CompareTo(id[y]);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }

    /// <summary>Collects outcomes one by one (a run adds them chunk by chunk).</summary>
    /// <param name="expected">Expected item count, to size the columns once.</param>
    /// <param name="keepOutcomes">Keep the full outcomes too (needed by metrics that are not subset-additive).</param>
    public sealed class Builder(int expected, bool keepOutcomes)
    {
        private readonly Dictionary<string, int> _subsetIds = new(StringComparer.Ordinal);
        private int[] _subset = new int[expected];
        private ulong[] _cluster = new ulong[expected];
        private ulong[]? _id = keepOutcomes ? new ulong[expected] : null;
        private double[] _value = new double[expected];
        private int[] _ties = new int[expected];
        private bool[] _invalid = new bool[expected];
        private readonly List<ItemOutcome>? _outcomes = keepOutcomes ? new(expected) : null;

        public int Count { get; private set; }

        public void Add(ItemOutcome outcome)
        {
            ArgumentNullException.ThrowIfNull(outcome);
            if (Count == _value.Length) Resize(Math.Max(16, Count * 2));
            if (!_subsetIds.TryGetValue(outcome.Subset, out var s)) _subsetIds[outcome.Subset] = s = _subsetIds.Count;
            (_subset[Count], _cluster[Count]) = (s, ClusterHash(outcome.Cluster));
            if (_id is not null) _id[Count] = IdHash(outcome.Id);
            (_value[Count], _ties[Count], _invalid[Count]) = (outcome.Value, outcome.Ties, outcome.Invalid);
            _outcomes?.Add(outcome);
            Count++;
        }

        public OutcomeSet Build()
        {
            if (Count != _value.Length) Resize(Count);
            var subsets = SubsetIndex.Of(_subsetIds.Keys);
            var remap = new int[_subsetIds.Count];
            foreach (var (name, s) in _subsetIds) remap[s] = subsets.IndexOf(name);
            for (var i = 0; i < Count; i++) _subset[i] = remap[_subset[i]];
            return new OutcomeSet(subsets, _subset, _cluster, _id, _value, _ties, _invalid, _outcomes?.ToArray());
        }

        private void Resize(int size)
        {
            Array.Resize(ref _subset, size);
            Array.Resize(ref _cluster, size);
            if (_id is not null) Array.Resize(ref _id, size);
            Array.Resize(ref _value, size);
            Array.Resize(ref _ties, size);
            Array.Resize(ref _invalid, size);
        }
    }
}
