namespace RMBench.Core.Suites;

/// <summary>
/// Which requests of a set of suites occur more than once (in several items or suites), found when the
/// suites are loaded: a run keeps the score of these (and of journal and cache entries) in memory to serve
/// the repeats, and lets every other score go once written, so its memory does not grow with the suites' size.
/// Keys are the first 64 bits of the request hash (of its score-index key); two requests sharing them are both treated as repeated
/// (harmless: they are then merely kept).
/// </summary>
public sealed class RequestRepeats
{
    private readonly ulong[] _sorted;

    private RequestRepeats(ulong[] sorted) => _sorted = sorted;

    /// <summary>Number of repeated keys.</summary>
    public int Count => _sorted.Length;

    public bool Contains(string requestHash) => Array.BinarySearch(_sorted, Key(requestHash)) >= 0;

    /// <summary>The keys occurring at least twice over all lists (which are emptied: they can be large).</summary>
    public static RequestRepeats Of(IReadOnlyList<List<ulong>> lists)
    {
        var keys = lists.Count == 1 ? lists[0] : [.. lists.SelectMany(l => l)];
        foreach (var list in lists.Where(l => !ReferenceEquals(l, keys)))
        {
            list.Clear();
            list.TrimExcess();
        }
        var repeats = Of(keys);
        keys.Clear();
        keys.TrimExcess();
        return repeats;
    }

    /// <summary>The keys occurring at least twice in <paramref name="keys"/> (sorted in place).</summary>
    public static RequestRepeats Of(List<ulong> keys)
    {
        keys.Sort();
        var repeated = new List<ulong>();
        for (var i = 1; i < keys.Count; i++)
            if (keys[i] == keys[i - 1] && (repeated.Count == 0 || repeated[^1] != keys[i])) repeated.Add(keys[i]);
        return new RequestRepeats([.. repeated]);
    }

    /// <summary>The high 64 bits of the request's <see cref="Data.Key96Table{TValue}"/> key (a hex hash's first 16 digits).</summary>
    public static ulong Key(string requestHash) => Data.Key96Table<int>.Key(requestHash).High;
}
