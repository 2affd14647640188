namespace RMBench.DataGen;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference constants): a tiny PRNG whose sequence
/// is fixed by its definition. System.Random's sequence is not guaranteed across .NET versions, and the
/// bundled datasets must be byte-identical wherever they are regenerated.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, maxExclusive), without modulo bias (rejection sampling).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound; // 2^64 mod bound: values below it would bias the result
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minInclusive, maxExclusive);
        return minInclusive + Next(maxExclusive - minInclusive);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0) throw new ArgumentException("cannot pick from an empty list", nameof(items));
        return items[Next(items.Count)];
    }

    /// <summary>k distinct elements in random order (a partial Fisher-Yates shuffle of a copy).</summary>
    public IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, items.Count);
        var copy = items.ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = i + Next(copy.Length - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..k];
    }

    /// <summary>
    /// An independent stream for a named part of a generation: the seed mixed with the label's FNV-1a hash,
    /// so that adding or resizing one subset never shifts the items of another.
    /// </summary>
    public static SplitMix64 Derive(long seed, string label)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in label)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        var mixer = new SplitMix64(unchecked((ulong)seed) ^ hash);
        return new SplitMix64(mixer.NextUInt64());
    }
}
