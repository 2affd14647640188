namespace RMBench.Core.Statistics;

/// <summary>
/// PCG32 (XSH RR, 64-bit state, 32-bit output; M.E. O'Neill, pcg-random.org): the harness's own seeded
/// generator. System.Random's algorithm is not guaranteed stable across .NET versions, so everything that
/// must reproduce bit for bit (bootstrap, random baselines) draws from this instead. With seed 42 and
/// stream 54 the first outputs are those of the reference implementation's demo (0xa15c02b7, 0x7b47f409, ...).
/// Not thread-safe and not cryptographic.
/// </summary>
public sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;

    private ulong _state;
    private readonly ulong _increment;

    /// <param name="seed">Initial state.</param>
    /// <param name="stream">Sequence selector: generators with the same seed and different streams give different sequences.</param>
    public Pcg32(ulong seed, ulong stream = 54)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt();
        _state += seed;
        NextUInt();
    }

    /// <summary>A generator seeded from a signed seed (as stored in options and run.json).</summary>
    public Pcg32(int seed, ulong stream = 54) : this(unchecked((ulong)(long)seed), stream) { }

    /// <summary>Uniform 32-bit value.</summary>
    public uint NextUInt()
    {
        var old = _state;
        _state = unchecked(old * Multiplier + _increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << (-rotation & 31));
    }

    /// <summary>
    /// Uniform integer in [0, bound), without modulo bias: Lemire's multiply-and-shift, rejecting the
    /// few low products that would over-represent some results.
    /// </summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (uint)bound;
        var product = (ulong)NextUInt() * range;
        var low = (uint)product;
        if (low < range)
        {
            var threshold = unchecked(0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)NextUInt() * range;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits (two 32-bit draws).</summary>
    public double NextDouble()
    {
        var high = NextUInt() >> 5; // 27 bits
        var low = NextUInt() >> 6;  // 26 bits
        return (high * 67108864.0 + low) * (1.0 / 9007199254740992.0);
    }
}
