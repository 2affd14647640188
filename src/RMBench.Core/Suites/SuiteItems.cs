using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using RMBench.Core.Data;

namespace RMBench.Core.Suites;

/// <summary>
/// The items of a loaded suite, read in chunks so that a suite of any size runs in the memory of one
/// chunk: a suite loaded from Parquet builds its items again from the files one row group at a time;
/// a suite built in memory (tests, tools) hands out its list. Counts and the request fingerprint are
/// known up front (the loader's validation pass computed them).
/// </summary>
public abstract class SuiteItems
{
    /// <summary>
    /// Items built and handed out at a time from a dataset: a slice of a row group, so that they die young
    /// (before the collector promotes them).
    /// </summary>
    public const int ChunkItems = 1024;

    /// <summary>Number of items.</summary>
    public abstract int Count { get; }

    /// <summary>Number of scoring requests over all items (before deduplication).</summary>
    public abstract long Requests { get; }

    /// <summary>Items whose building cut something (e.g. documents over the budget).</summary>
    public abstract int Truncated { get; }

    /// <summary>SHA-256 over every request hash in item order: equal fingerprints, equal requests.</summary>
    public abstract string Fingerprint { get; }

    /// <summary>
    /// The requests occurring more than once among the items of this suite and of the suites loaded with it
    /// (one object shared by a load's suites; see <see cref="RequestRepeats"/>).
    /// </summary>
    public abstract RequestRepeats Repeats { get; }

    /// <summary>The items in order, in chunks (a slice of a dataset's row group, or the whole in-memory list).</summary>
    public abstract IAsyncEnumerable<IReadOnlyList<SuiteItem>> ReadChunksAsync(CancellationToken cancellationToken = default);

    /// <summary>All items in one list (for small suites: inspection, benchmarks).</summary>
    public async Task<IReadOnlyList<SuiteItem>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<SuiteItem>(Count);
        await foreach (var chunk in ReadChunksAsync(cancellationToken)) all.AddRange(chunk);
        return all;
    }

    /// <summary>Items held in memory.</summary>
    public static SuiteItems InMemory(IReadOnlyList<SuiteItem> items) => new ListItems(items);

    public static implicit operator SuiteItems(List<SuiteItem> items) => InMemory(items);
    public static implicit operator SuiteItems(SuiteItem[] items) => InMemory(items);

    /// <summary>Accumulates <see cref="Requests"/>, <see cref="Truncated"/> and <see cref="Fingerprint"/> over items in order.</summary>
    internal sealed class Tally : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public int Items { get; private set; }
        public long Requests { get; private set; }
        public int Truncated { get; private set; }
        /// <summary>Every request's <see cref="RequestRepeats.Key"/>, for finding repeats across a load's suites.</summary>
        public List<ulong> Keys { get; } = [];

        public void Add(SuiteItem item)
        {
            Items++;
            Requests += item.Requests.Count;
            if (item.Truncated) Truncated++;
            Span<byte> line = stackalloc byte[72];
            foreach (var request in item.Requests)
            {
                var written = Encoding.ASCII.GetBytes(request.Request.Hash, line);
                line[written] = (byte)'\n';
                _hash.AppendData(line[..(written + 1)]);
                Keys.Add(RequestRepeats.Key(request.Request.Hash));
            }
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }

    private sealed class ListItems : SuiteItems
    {
        private readonly IReadOnlyList<SuiteItem> _items;

        public ListItems(IReadOnlyList<SuiteItem> items)
        {
            _items = items;
            using var tally = new Tally();
            foreach (var item in items) tally.Add(item);
            (Requests, Truncated, Fingerprint) = (tally.Requests, tally.Truncated, tally.Finish());
            Repeats = RequestRepeats.Of(tally.Keys);
        }

        public override int Count => _items.Count;
        public override long Requests { get; }
        public override int Truncated { get; }
        public override string Fingerprint { get; }
        public override RequestRepeats Repeats { get; }

        public override async IAsyncEnumerable<IReadOnlyList<SuiteItem>> ReadChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            if (_items.Count > 0) yield return _items;
        }
    }
}

/// <summary>Items built from a suite's dataset files by their kinds, one row group at a time.</summary>
internal sealed class DatasetItems(IReadOnlyList<(DatasetFile File, ISuiteKind Kind)> files, SuiteContext context,
    int count, long requests, int truncated, string fingerprint, RequestRepeats repeats) : SuiteItems
{
    public override int Count => count;
    public override long Requests => requests;
    public override int Truncated => truncated;
    public override string Fingerprint => fingerprint;
    public override RequestRepeats Repeats => repeats;

    /// <summary>Ids of the items to hand out (a `--limit` sample, <see cref="ItemSample"/>); null = every row.</summary>
    public Func<string, bool>? Include { get; init; }

    public override async IAsyncEnumerable<IReadOnlyList<SuiteItem>> ReadChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (file, kind) in files)
        {
            await foreach (var groupRows in file.ReadRowGroupsAsync(cancellationToken))
            {
                var rows = Include is null ? groupRows : groupRows.Where(row => Include(row.Id)).ToList();
                for (var start = 0; start < rows.Count; start += ChunkItems)
                {
                    StreamedGroups.CollectYoungIfDue(); // the previous chunk's requests, scores and outcomes are garbage now
                    yield return [.. rows.Skip(start).Take(ChunkItems).Select(row => kind.ToItem(row, context))];
                }
            }
        }
    }
}
