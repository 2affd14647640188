using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RMBench.Core.Suites;

/// <summary>
/// `rmbench run --limit N`: a seeded subsample of at most <paramref name="Limit"/> items per suite, for a smoke
/// run. An item is in the sample when the keyed hash of (seed, id) is among the suite's N smallest: the choice
/// depends only on the ids, N and the seed (not on file order, row groups, machine or culture), so the same N
/// and seed give the same items everywhere, and it streams: the loader keeps N hashes, not the items.
/// run.json records it (<c>sample</c>); the gate refuses to pair a sample with a full run or another sample.
/// </summary>
/// <param name="Seed">`--seed` of the run (the bootstrap seed, <see cref="DefaultSeed"/> by default).</param>
public sealed record ItemSample(int Limit, int Seed)
{
    /// <summary>The seed when none is given: the default `--seed` of `rmbench run`.</summary>
    public const int DefaultSeed = 1234;

    /// <summary>The item's position in the sampling order: the first 128 bits of SHA-256("seed\nid"), big-endian.</summary>
    public UInt128 Key(string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Seed.ToString(CultureInfo.InvariantCulture) + "\n" + id), digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>How messages and reports name it.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"--limit {Limit} (seed {Seed})");

    /// <summary>
    /// A suite's request fingerprint marked with the sample, so that a sampled run never resumes a full run's
    /// journal nor the other way round (even when the limit keeps every item). The score cache is shared on
    /// purpose: a score depends only on the model and the request.
    /// </summary>
    public string Mark(string fingerprint) =>
        IO.Sha256.Hex(string.Create(CultureInfo.InvariantCulture, $"sample limit={Limit} seed={Seed}\n{fingerprint}"));

    /// <summary>Why two runs (by their run.json <c>sample</c>) cannot be paired item by item; null when they can.</summary>
    public static string? Mismatch(ItemSample? baseline, ItemSample? candidate)
    {
        if (baseline == candidate) return null;
        static string Name(ItemSample? s) => s is null ? "a full run" : $"a subsample ({s.Describe()})";
        return $"is {Name(candidate)} but the baseline is {Name(baseline)}: a --limit run can only be compared with a run of the same --limit and --seed";
    }

    /// <summary>Finds the threshold key of one suite: offered every item's key in one pass, keeps the <see cref="Limit"/> smallest.</summary>
    internal sealed class Selector(ItemSample sample)
    {
        // A max-heap of the smallest keys so far: the root is the largest of them, the one a smaller key replaces.
        private readonly PriorityQueue<UInt128, UInt128> _smallest = new(Comparer<UInt128>.Create((a, b) => b.CompareTo(a)));

        public int Offered { get; private set; }

        public void Offer(string id)
        {
            Offered++;
            var key = sample.Key(id);
            if (_smallest.Count < sample.Limit) _smallest.Enqueue(key, key);
            else if (key < _smallest.Peek()) _smallest.DequeueEnqueue(key, key);
        }

        /// <summary>The filter of the suite's items: null when every item is in the sample.</summary>
        public Func<string, bool>? Filter()
        {
            if (Offered <= sample.Limit) return null;
            var threshold = _smallest.Peek();
            return id => sample.Key(id) <= threshold;
        }
    }
}
