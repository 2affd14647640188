using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RMBench.Core.Data;

/// <summary>
/// Ids seen so far and the row where each was first seen, for duplicate checks over files streamed in row
/// groups. Keeps a 96-bit hash of each id rather than the id itself, in an open-addressing table of 16
/// bytes a slot (a string-keyed dictionary costs some 100 bytes an id), so checking a million ids costs
/// about 23 MB. Two different ids of one file share 96 bits with odds about n^2 / 2^97 (6e-18 for a million).
/// </summary>
internal sealed class IdRegistry
{
    private ulong[] _high;
    private uint[] _low;
    private int[] _row; // first row + 1; 0 = empty slot

    /// <param name="capacity">Expected number of ids (sizing the table once avoids growing it).</param>
    public IdRegistry(int capacity = 0) => (_high, _low, _row) = Allocate(SlotsFor(capacity));

    public int Count { get; private set; }

    /// <summary>Records <paramref name="id"/> at <paramref name="row"/>; returns the earlier row when it was already seen.</summary>
    public long? Add(string id, long row)
    {
        var (high, low) = Split(Key(id));
        var slot = Find(high, low);
        if (_row[slot] != 0) return _row[slot] - 1;
        if (Count + 1 > _row.Length * 0.7)
        {
            Grow();
            slot = Find(high, low);
        }
        (_high[slot], _low[slot], _row[slot]) = (high, low, checked((int)row + 1));
        Count++;
        return null;
    }

    public static UInt128 Key(string text) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan()));

    private static (ulong High, uint Low) Split(UInt128 key) => ((ulong)(key >> 64), (uint)key);

    private static int SlotsFor(long expected) => (int)Math.Max(16, Math.Min(Array.MaxLength, expected / 0.7 + 1));

    private static (ulong[], uint[], int[]) Allocate(int slots) => (new ulong[slots], new uint[slots], new int[slots]);

    private int Find(ulong high, uint low)
    {
        var slots = (uint)_row.Length;
        var slot = (int)(((high >> 32) * slots) >> 32); // high bits scaled to the table size
        while (_row[slot] != 0 && (_high[slot] != high || _low[slot] != low))
            if (++slot == slots) slot = 0;
        return slot;
    }

    private void Grow()
    {
        var (high, low, row) = (_high, _low, _row);
        (_high, _low, _row) = Allocate(SlotsFor(row.Length * 1L * 2));
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == 0) continue;
            var slot = Find(high[i], low[i]);
            (_high[slot], _low[slot], _row[slot]) = (high[i], low[i], row[i]);
        }
    }
}
