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

    /// <summary>Totals of the given outcomes, summed in canonical order (<see cref="OutcomeSet"/>), so the result does not depend on input order.</summary>
    public static SubsetTotals From(IEnumerable<ItemOutcome> outcomes) => From(OutcomeSet.Of(outcomes, keepOutcomes: false));

    /// <summary>Totals of a set, summed in its canonical order.</summary>
    public static SubsetTotals From(OutcomeSet set)
    {
        var sums = new double[set.Subsets.Names.Count];
        var items = new int[set.Subsets.Names.Count];
        foreach (var i in set.Order)
        {
            sums[set.SubsetOf[i]] += set.ValueOf[i];
            items[set.SubsetOf[i]]++;
        }
        return new SubsetTotals(set.Subsets, sums, items);
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

    public static SubsetIndex Of(IEnumerable<ItemOutcome> outcomes) => Of(outcomes.Select(o => o.Subset));

    public static SubsetIndex Of(IEnumerable<string> subsets)
    {
        var names = subsets.Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return new SubsetIndex(names);
    }
}
