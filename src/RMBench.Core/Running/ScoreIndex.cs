using System.Globalization;

namespace RMBench.Core.Running;

/// <summary>Where a score in the <see cref="ScoreIndex"/> came from.</summary>
public enum ScoreOrigin : byte
{
    /// <summary>The score cache of earlier runs (not yet used by this run).</summary>
    Cache = 1,
    /// <summary>The journal of an interrupted attempt of this run (not yet used by this run).</summary>
    Journal = 2,
    /// <summary>Scored or used by this run.</summary>
    Run = 3,
}

/// <summary>
/// Request hash to score, for every request a run has seen plus what its journal and cache hold: how a
/// request repeated anywhere in a run is scored once. Compact because it holds one entry per request of
/// the run: an open-addressing table keyed by the first 96 bits of the request's SHA-256 (17 bytes a
/// slot, against some 200 bytes an entry for a string-keyed dictionary), sized for the run's requests and grown by doubling at 70% load.
/// Two different requests of one run share 96 bits with odds about n^2 / 2^97 (3e-17 for two million).
/// </summary>
public sealed class ScoreIndex
{
    private ulong[] _high;
    private uint[] _low;
    private float[] _scores;
    private ScoreOrigin[] _origins; // 0 = empty slot

    public ScoreIndex(long expected = 0)
    {
        var capacity = SlotsFor(expected);
        (_high, _low, _scores, _origins) = (new ulong[capacity], new uint[capacity], new float[capacity], new ScoreOrigin[capacity]);
    }

    public int Count { get; private set; }

    public bool TryGet(string requestHash, out float score, out ScoreOrigin origin)
    {
        var slot = Find(Key(requestHash));
        (score, origin) = _origins[slot] == 0 ? (0, 0) : (_scores[slot], _origins[slot]);
        return origin != 0;
    }

    /// <summary>Adds or replaces the score of a request.</summary>
    public void Set(string requestHash, float score, ScoreOrigin origin)
    {
        var key = Key(requestHash);
        var slot = Find(key);
        if (_origins[slot] == 0)
        {
            if ((Count + 1) > _origins.Length * 0.7)
            {
                Grow();
                slot = Find(key);
            }
            (_high[slot], _low[slot]) = key;
            Count++;
        }
        (_scores[slot], _origins[slot]) = (score, origin);
    }

    /// <summary>The first 96 bits of a request hash (hex SHA-256); any other text is hashed first.</summary>
    private static (ulong High, uint Low) Key(string requestHash)
    {
        if (requestHash.Length >= 24
            && ulong.TryParse(requestHash.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && uint.TryParse(requestHash.AsSpan(16, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
            return (high, low);
        var hashed = Data.IdRegistry.Key(requestHash);
        return ((ulong)(hashed >> 64), (uint)hashed);
    }

    private static int SlotsFor(long expected) => (int)Math.Max(16, Math.Min(Array.MaxLength, expected / 0.7 + 1));

    private int Find((ulong High, uint Low) key)
    {
        var slots = (uint)_origins.Length;
        var slot = (int)(((key.High >> 32) * slots) >> 32); // high bits scaled to the table size
        while (_origins[slot] != 0 && (_high[slot] != key.High || _low[slot] != key.Low))
            if (++slot == slots) slot = 0;
        return slot;
    }

    private void Grow()
    {
        var (high, low, scores, origins) = (_high, _low, _scores, _origins);
        var capacity = SlotsFor(origins.Length * 2L);
        (_high, _low, _scores, _origins) = (new ulong[capacity], new uint[capacity], new float[capacity], new ScoreOrigin[capacity]);
        for (var i = 0; i < origins.Length; i++)
        {
            if (origins[i] == 0) continue;
            var slot = Find((high[i], low[i]));
            (_high[slot], _low[slot], _scores[slot], _origins[slot]) = (high[i], low[i], scores[i], origins[i]);
        }
    }
}
