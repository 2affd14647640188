using RMBench.Core.Suites;

namespace RMBench.Core.Statistics;

/// <summary>
/// Item count and value sum per subset of one sample (the observed outcomes or a bootstrap resample).
/// Enough for every metric that only needs subset means and sizes (micro, macro, per subset, sections),
/// which lets the bootstrap evaluate them without materialising resampled outcome lists.
/// Subsets are in ordinal name order.
/// </summary>
public sealed class SubsetTotals
{
    private readonly double[] _sums;
    private readonly int[] _items;
    private readonly SubsetIndex _index;

    internal SubsetTotals(SubsetIndex index, double[] sums, int[] items)
    {
        _index = index;
        _sums = sums;
        _items = items;
        for (var s = 0; s < items.Length; s++)
        {
            TotalItems += items[s];
            TotalSum += sums[s];
        }
    }

    /// <summary>Totals of the given outcomes, summed in id order (so the result does not depend on input order).</summary>
    public static SubsetTotals From(IEnumerable<ItemOutcome> outcomes)
    {
        var sorted = OutcomeOrder.Sort(outcomes);
        var index = SubsetIndex.Of(sorted);
        var sums = new double[index.Names.Count];
        var items = new int[index.Names.Count];
        foreach (var outcome in sorted)
        {
            var s = index.IndexOf(outcome.Subset);
            sums[s] += outcome.Value;
            items[s]++;
        }
        return new SubsetTotals(index, sums, items);
    }

    /// <summary>Subset names, ordinal order; position i is subset index i.</summary>
    public IReadOnlyList<string> Names => _index.Names;

    public int Count => _items.Length;
    public int TotalItems { get; }
    public double TotalSum { get; }

    public double Sum(int subset) => _sums[subset];
    public int Items(int subset) => _items[subset];

    /// <summary>Mean value of the subset's items (its accuracy); NaN for a subset without items.</summary>
    public double Mean(int subset) => _items[subset] == 0 ? double.NaN : _sums[subset] / _items[subset];

    /// <summary>Index of a subset by name, or -1 when this sample has no such subset.</summary>
    public int IndexOf(string subset) => _index.IndexOf(subset);
}

/// <summary>Subset names in ordinal order and their positions; shared by a sample and all its resamples.</summary>
internal sealed class SubsetIndex
{
    private readonly Dictionary<string, int> _positions;

    private SubsetIndex(string[] names)
    {
        Names = names;
        _positions = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++) _positions[names[i]] = i;
    }

    public IReadOnlyList<string> Names { get; }

    public int IndexOf(string subset) => _positions.TryGetValue(subset, out var i) ? i : -1;

    public static SubsetIndex Of(IEnumerable<ItemOutcome> outcomes)
    {
        var names = outcomes.Select(o => o.Subset).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return new SubsetIndex(names);
    }
}

/// <summary>The canonical order of outcomes for aggregation: by id, then the remaining fields as tie-breakers.</summary>
internal static class OutcomeOrder
{
    public static ItemOutcome[] Sort(IEnumerable<ItemOutcome> outcomes)
    {
        var array = outcomes.ToArray();
        Array.Sort(array, Compare);
        return array;
    }

    /// <summary>
    /// Total order up to full equality, so any permutation of the same outcomes sorts identically even when
    /// ids repeat across a suite's datasets.
    /// </summary>
    public static int Compare(ItemOutcome? a, ItemOutcome? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Subset, b.Subset);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Cluster, b.Cluster);
        if (c != 0) return c;
        c = a.Value.CompareTo(b.Value);
        if (c != 0) return c;
        c = a.Ties.CompareTo(b.Ties);
        return c != 0 ? c : a.Invalid.CompareTo(b.Invalid);
    }
}
