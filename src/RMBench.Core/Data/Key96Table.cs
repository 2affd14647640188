using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RMBench.Core.Data;

/// <summary>
/// A compact map from 96-bit keys to small values, for tables with an entry per row or request of a run
/// (a string-keyed dictionary costs some 100-200 bytes an entry; this costs 12 bytes a slot plus the value):
/// open addressing with linear probing, sized for the expected count and grown by doubling at 70% load.
/// A slot holding <c>default(TValue)</c> is empty, so stored values must never be the default.
/// Two different texts share a 96-bit key with odds about n^2 / 2^97 (3e-17 for two million).
/// </summary>
internal sealed class Key96Table<TValue> where TValue : struct, IEquatable<TValue>
{
    private ulong[] _high;
    private uint[] _low;
    private TValue[] _values;

    public Key96Table(long expected = 0) => (_high, _low, _values) = Allocate(SlotsFor(expected));

    public int Count { get; private set; }

    public bool TryGet((ulong High, uint Low) key, out TValue value)
    {
        value = _values[Find(key)];
        return !value.Equals(default);
    }

    /// <summary>Adds or replaces the value of <paramref name="key"/> (never the default value).</summary>
    public void Set((ulong High, uint Low) key, TValue value)
    {
        if (value.Equals(default)) throw new ArgumentException("the default value marks an empty slot", nameof(value));
        var slot = Find(key);
        if (_values[slot].Equals(default))
        {
            if (Count + 1 > _values.Length * 0.7)
            {
                Grow();
                slot = Find(key);
            }
            (_high[slot], _low[slot]) = key;
            Count++;
        }
        _values[slot] = value;
    }

    /// <summary>
    /// The key of a text: the first 96 bits of a hex digest (a request hash), or else the first 96 bits
    /// of the text's XxHash128.
    /// </summary>
    public static (ulong High, uint Low) Key(string text)
    {
        if (text.Length >= 24
            && ulong.TryParse(text.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && uint.TryParse(text.AsSpan(16, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
            return (high, low);
        var hashed = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan()));
        return ((ulong)(hashed >> 64), (uint)hashed);
    }

    private static int SlotsFor(long expected) => (int)Math.Max(16, Math.Min(Array.MaxLength, expected / 0.7 + 1));

    private static (ulong[], uint[], TValue[]) Allocate(int slots) => (new ulong[slots], new uint[slots], new TValue[slots]);

    private int Find((ulong High, uint Low) key)
    {
        var slots = (uint)_values.Length;
        var slot = (int)(((key.High >> 32) * slots) >> 32); // high bits scaled to the table size
        while (!_values[slot].Equals(default) && (_high[slot] != key.High || _low[slot] != key.Low))
            if (++slot == slots) slot = 0;
        return slot;
    }

    private void Grow()
    {
        var (high, low, values) = (_high, _low, _values);
        (_high, _low, _values) = Allocate(SlotsFor(values.Length * 2L));
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Equals(default)) continue;
            var slot = Find((high[i], low[i]));
            (_high[slot], _low[slot], _values[slot]) = (high[i], low[i], values[i]);
        }
    }
}
