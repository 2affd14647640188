using RMBench.Core.Data;

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
/// Request hash to score, for what a run's journal and cache hold and for the requests it has seen that
/// occur again: how a request repeated anywhere in a run is scored once. A <see cref="Key96Table{TValue}"/>
/// keyed by the first 96 bits of the request's SHA-256 (20 bytes a slot, against some 200 bytes an entry
/// for a string-keyed dictionary).
/// </summary>
public sealed class ScoreIndex
{
    private readonly Key96Table<Entry> _entries;

    public ScoreIndex(long expected = 0) => _entries = new(expected);

    public int Count => _entries.Count;

    public bool TryGet(string requestHash, out float score, out ScoreOrigin origin)
    {
        _entries.TryGet(Key96Table<Entry>.Key(requestHash), out var entry);
        (score, origin) = (entry.Score, entry.Origin);
        return origin != 0;
    }

    /// <summary>Adds or replaces the score of a request.</summary>
    public void Set(string requestHash, float score, ScoreOrigin origin) =>
        _entries.Set(Key96Table<Entry>.Key(requestHash), new Entry(score, origin));

    /// <summary>An origin is never 0, so a stored entry is never the default (an empty slot).</summary>
    private readonly record struct Entry(float Score, ScoreOrigin Origin);
}
