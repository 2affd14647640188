using RMBench.Core.Data;
using RMBench.Core.Models;

namespace RMBench.Core.Running;

/// <summary>
/// The requests of one suite that the run has to score, tokenized once and held so that they can be sorted by
/// exact length across the whole suite (not within a chunk of items): each request's hash and token ids go to a
/// temporary file (deleted on dispose); memory keeps about 32 bytes a request (length, file offset and size, occurrence
/// count, score) plus a 96-bit key table slot (16 bytes at most 70% full). After scoring, the same table gives each item's scores and token
/// counts when the suite's items are read again for judging.
/// </summary>
public sealed class SuiteTokenPlan : IDisposable
{
    private readonly FileStream _spill;
    private readonly BinaryWriter _writer;
    private readonly Key96Table<int> _numbers = new(); // request key -> entry index + 1
    private readonly List<Entry> _entries = [];
    private long _tokens;

    public SuiteTokenPlan(string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"rmbench-tokens-{Guid.NewGuid():N}.bin");
        _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_spill, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Requests to score.</summary>
    public int Count => _entries.Count;
    /// <summary>Their real tokens.</summary>
    public long Tokens => _tokens;

    /// <summary>Adds occurrences to a request already planned; false when it is not in the plan.</summary>
    public bool AddOccurrences(string hash, int occurrences)
    {
        if (!_numbers.TryGet(Key96Table<int>.Key(hash), out var number) || number == 0) return false;
        var entries = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entries);
        entries[number - 1].Occurrences += occurrences;
        return true;
    }

    /// <summary>Plans a request the run must score (not yet in the plan).</summary>
    public void Add(string hash, TokenizedRequest request, int occurrences)
    {
        var offset = _spill.Position;
        _writer.Write(hash);
        _writer.Write(request.Ids.Length);
        _writer.Write(request.TypeIds is not null);
        foreach (var id in request.Ids) _writer.Write(id);
        foreach (var type in request.TypeIds ?? []) _writer.Write(type);
        _entries.Add(new Entry(offset, checked((int)(_spill.Position - offset)), request.Ids.Length, request.Truncated, occurrences));
        _numbers.Set(Key96Table<int>.Key(hash), _entries.Count);
        _tokens += request.Ids.Length;
    }

    /// <summary>Every request is planned: the file is flushed so that <see cref="Read"/> sees it.</summary>
    public void Complete()
    {
        _writer.Flush();
        _spill.Flush();
    }

    /// <summary>Entry numbers sorted by token length (ties in the order they were planned, which is dataset order).</summary>
    public IEnumerable<(int Entry, int Length)> ByLength() =>
        Enumerable.Range(0, _entries.Count).Select(i => (i, _entries[i].Length)).OrderBy(x => x.Length).ThenBy(x => x.i);

    public int Occurrences(int entry) => _entries[entry].Occurrences;
    public int Length(int entry) => _entries[entry].Length;

    /// <summary>The hashes and token ids of some entries, read back from the file.</summary>
    public (string[] Hashes, TokenizedRequest[] Rows) Read(IReadOnlyList<int> entries)
    {
        var (hashes, rows) = (new string[entries.Count], new TokenizedRequest[entries.Count]);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = _entries[entries[i]];
            var bytes = new byte[entry.Bytes];
            RandomAccess.Read(_spill.SafeFileHandle, bytes, entry.Offset);
            using var reader = new BinaryReader(new MemoryStream(bytes));
            hashes[i] = reader.ReadString();
            var (length, hasTypes) = (reader.ReadInt32(), reader.ReadBoolean());
            var ids = new int[length];
            for (var c = 0; c < length; c++) ids[c] = reader.ReadInt32();
            var types = hasTypes ? new int[length] : null;
            for (var c = 0; c < (types?.Length ?? 0); c++) types![c] = reader.ReadInt32();
            rows[i] = new TokenizedRequest(ids, types, entry.Truncated);
        }
        return (hashes, rows);
    }

    public void SetScore(int entry, float score)
    {
        var entries = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entries);
        (entries[entry].Score, entries[entry].Scored) = (score, true);
    }

    /// <summary>A planned request's score (when scored) and token measure.</summary>
    public bool TryGet(string hash, out float score, out bool scored, out TokenMeasure measure)
    {
        (score, scored, measure) = (0, false, default);
        if (!_numbers.TryGet(Key96Table<int>.Key(hash), out var number) || number == 0) return false;
        var entry = _entries[number - 1];
        (score, scored, measure) = (entry.Score, entry.Scored, new TokenMeasure(entry.Length, entry.Truncated));
        return true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _spill.Dispose();
    }

    private record struct Entry(long Offset, int Bytes, int Length, bool Truncated, int Occurrences)
    {
        public float Score;
        public bool Scored;
    }
}
