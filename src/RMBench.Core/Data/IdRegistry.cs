namespace RMBench.Core.Data;

/// <summary>
/// Ids seen so far and the row where each was first seen, for duplicate checks over files streamed in row
/// groups. Keeps a 96-bit hash of each id rather than the id (a <see cref="Key96Table{TValue}"/>, 16 bytes
/// a slot), so checking a million ids costs about 23 MB.
/// </summary>
internal sealed class IdRegistry(int capacity = 0)
{
    private readonly Key96Table<int> _firstRow = new(capacity); // first row + 1: 0 marks an empty slot

    public int Count => _firstRow.Count;

    /// <summary>Records <paramref name="id"/> at <paramref name="row"/>; returns the earlier row when it was already seen.</summary>
    public long? Add(string id, long row)
    {
        var key = Key96Table<int>.Key(id);
        if (_firstRow.TryGet(key, out var first)) return first - 1;
        _firstRow.Set(key, checked((int)row + 1));
        return null;
    }
}
