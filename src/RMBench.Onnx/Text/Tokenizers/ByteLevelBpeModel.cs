using System.Collections.Concurrent;
using System.Text;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// Byte-level BPE (GPT-2, RoBERTa, Qwen2/3, Llama 3): each pre-token's UTF-8 bytes start as one symbol
/// each, then the lowest-ranked merge is applied, leftmost first, until none applies (the HF algorithm).
/// Results are cached per pre-token, so repeated words cost one dictionary lookup.
/// </summary>
internal sealed class ByteLevelBpeModel : ITokenModel
{
    private const int MaxCacheEntries = 200_000;
    private const int MaxCachedLength = 256;
    /// <summary>Pieces with more bytes than this merge through a priority queue instead of rescanning.</summary>
    private const int LongPiece = 64;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabBySpan;
    private readonly Dictionary<long, (int Rank, int Merged)> _merges;
    private readonly int[] _byteIds = new int[256];
    private readonly char[] _byteChars;
    private readonly PreTokenizer _preTokenizer;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;

    [ThreadStatic] private static List<ReadOnlyMemory<char>>? _pieces;
    [ThreadStatic] private static List<int>? _symbols;

    public ByteLevelBpeModel(Dictionary<string, int> vocab, IEnumerable<(string Left, string Right)> merges,
        PreTokenizer preTokenizer, bool ignoreMerges, string source)
    {
        _vocab = vocab;
        _vocabBySpan = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _preTokenizer = preTokenizer;
        _ignoreMerges = ignoreMerges;
        _byteChars = ByteLevelAlphabet.Chars();
        for (var b = 0; b < 256; b++)
            _byteIds[b] = vocab.TryGetValue(_byteChars[b].ToString(), out var id)
                ? id
                : throw new FormatException($"{source}: the vocabulary lacks the byte-level symbol for byte {b}");
        _merges = new Dictionary<long, (int Rank, int Merged)>(vocab.Count);
        var rank = 0;
        Span<char> joined = stackalloc char[512];
        foreach (var (left, right) in merges)
        {
            var length = left.Length + right.Length;
            if (length <= joined.Length && _vocabBySpan.TryGetValue(left, out var l) && _vocabBySpan.TryGetValue(right, out var r))
            {
                left.CopyTo(joined);
                right.CopyTo(joined[left.Length..]);
                if (_vocabBySpan.TryGetValue(joined[..length], out var merged)) _merges.TryAdd(Key(l, r), (rank, merged));
            }
            rank++;
        }
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int? IdOf(string token) => _vocab.TryGetValue(token, out var id) ? id : null;

    public void Encode(ReadOnlyMemory<char> segment, List<int> ids)
    {
        var pieces = _pieces ??= [];
        pieces.Clear();
        pieces.Add(segment);
        _preTokenizer.Split(pieces);
        foreach (var piece in pieces)
        {
            if (_cacheBySpan.TryGetValue(piece.Span, out var cached))
            {
                ids.AddRange(cached);
                continue;
            }
            var encoded = EncodePiece(piece.Span);
            if (piece.Length <= MaxCachedLength && _cache.Count < MaxCacheEntries) _cacheBySpan.TryAdd(piece.Span, encoded);
            ids.AddRange(encoded);
        }
    }

    private int[] EncodePiece(ReadOnlySpan<char> piece)
    {
        var byteCount = Encoding.UTF8.GetByteCount(piece);
        Span<byte> bytes = byteCount <= 1024 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(piece, bytes);
        if (_ignoreMerges)
        {
            Span<char> chars = byteCount <= 1024 ? stackalloc char[byteCount] : new char[byteCount];
            for (var i = 0; i < byteCount; i++) chars[i] = _byteChars[bytes[i]];
            if (_vocabBySpan.TryGetValue(chars, out var id)) return [id];
        }
        var symbols = _symbols ??= [];
        symbols.Clear();
        foreach (var b in bytes) symbols.Add(_byteIds[b]);
        if (symbols.Count > LongPiece) return MergeWithQueue(symbols);
        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            var bestAt = -1;
            var bestMerged = 0;
            for (var i = 0; i + 1 < symbols.Count; i++)
                if (_merges.TryGetValue(Key(symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                    (bestRank, bestAt, bestMerged) = (merge.Rank, i, merge.Merged);
            if (bestAt < 0) break;
            symbols[bestAt] = bestMerged;
            symbols.RemoveAt(bestAt + 1);
        }
        return [.. symbols];
    }

    /// <summary>
    /// The same merges in O(n log n) for long pieces (a base64 blob, a run of "="): symbols in a linked
    /// list, candidate pairs in a queue ordered by (rank, position), stale entries skipped.
    /// </summary>
    private int[] MergeWithQueue(List<int> start)
    {
        var n = start.Count;
        var id = start.ToArray();
        var next = new int[n];
        var prev = new int[n];
        for (var i = 0; i < n; i++) (prev[i], next[i]) = (i - 1, i + 1 < n ? i + 1 : -1);
        var queue = new PriorityQueue<(int Left, int LeftId, int RightId, int Merged), long>();
        void Offer(int left)
        {
            var right = next[left];
            if (left >= 0 && right >= 0 && _merges.TryGetValue(Key(id[left], id[right]), out var merge))
                queue.Enqueue((left, id[left], id[right], merge.Merged), ((long)merge.Rank << 32) | (uint)left);
        }
        for (var i = 0; i + 1 < n; i++) Offer(i);
        while (queue.TryDequeue(out var candidate, out _))
        {
            var (left, leftId, rightId, merged) = candidate;
            var right = next[left];
            if (id[left] != leftId || right < 0 || id[right] != rightId) continue;   // a neighbour merged first
            id[left] = merged;
            id[right] = -1;
            next[left] = next[right];
            if (next[right] >= 0) prev[next[right]] = left;
            if (prev[left] >= 0) Offer(prev[left]);
            Offer(left);
        }
        var result = new List<int>();
        for (var i = 0; i >= 0; i = next[i]) result.Add(id[i]);
        return [.. result];
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}

/// <summary>GPT-2's reversible byte -> printable character table.</summary>
internal static class ByteLevelAlphabet
{
    public static char[] Chars()
    {
        var chars = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            chars[b] = printable ? (char)b : (char)next++;
        }
        return chars;
    }
}
