using System.Diagnostics;
using System.Threading.Channels;
using RMBench.Core.Models;
using RMBench.Core.Requests;

namespace RMBench.Remote.Serve;

/// <summary>
/// Merges concurrent inference requests into model batches, like Triton's dynamic batcher: one worker takes
/// the oldest waiting request, adds the next ones while the batch stays within MaxBatch rows, waiting at
/// most MaxDelay for more (0: only what is already queued), then scores the merged batch with one model
/// call and hands each request its own slice of the scores. A request larger than MaxBatch is scored alone
/// (not split). While a batch is scoring, new requests queue up and form the next one, so under load
/// batches grow without any delay. A model that takes several batches at once (<see cref="IConcurrentModel"/>: onnx on
/// the CPU, one batch per core) gets that many workers: they take turns collecting, so one batch forms while others
/// score. Dispose finishes the queued requests before it returns.
/// </summary>
public sealed class DynamicBatcher : IAsyncDisposable
{
    private sealed record Pending(IReadOnlyList<ScoringRequest> Rows, TaskCompletionSource<float[]> Result);

    private static readonly IReadOnlyList<RequestOrigin> NoOrigins = [];
    private readonly IRewardModel _model;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    /// <summary>Held while a worker collects a batch: the queue has one reader at a time, and _carried one owner.</summary>
    private readonly SemaphoreSlim _collecting = new(1, 1);
    private readonly Task[] _workers;
    private Pending? _carried;
    private long _batches, _rows;

    public DynamicBatcher(IRewardModel model, int maxBatch, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _model = model;
        _maxBatch = maxBatch;
        _maxDelay = maxDelay;
        _workers = Enumerable.Range(0, ModelConcurrency.Of(model)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Model calls made so far and the rows they scored (their ratio is the mean merged batch size).</summary>
    public (long Batches, long Rows) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _rows));

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringRequest> rows)
    {
        if (rows.Count == 0) return Task.FromResult(Array.Empty<float>());
        var pending = new Pending(rows, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("the server is shutting down");
        return pending.Result.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (true)
        {
            List<Pending> batch;
            await _collecting.WaitAsync();
            try
            {
                if (_carried is null && !await reader.WaitToReadAsync()) return;
                batch = await CollectAsync(reader);
            }
            finally { _collecting.Release(); }
            if (batch.Count > 0) await ScoreBatchAsync(batch);
        }
    }

    private async Task<List<Pending>> CollectAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>();
        var rows = 0;
        if (_carried is { } carried)
        {
            (batch, rows, _carried) = ([carried], carried.Rows.Count, null);
        }
        else if (reader.TryRead(out var first))
        {
            batch.Add(first);
            rows = first.Rows.Count;
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(_maxDelay.TotalSeconds * Stopwatch.Frequency);
        while (rows < _maxBatch)
        {
            if (reader.TryRead(out var next))
            {
                if (rows + next.Rows.Count > _maxBatch)
                {
                    _carried = next; // starts the next batch: this one stays within MaxBatch
                    break;
                }
                batch.Add(next);
                rows += next.Rows.Count;
                continue;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero) break;
            using var timeout = new CancellationTokenSource(left);
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token)) break;
            }
            catch (OperationCanceledException) { break; }
        }
        return batch;
    }

    private async Task ScoreBatchAsync(List<Pending> batch)
    {
        try
        {
            var entries = new List<ScoringBatchEntry>(batch.Sum(p => p.Rows.Count));
            foreach (var pending in batch)
                foreach (var row in pending.Rows) entries.Add(new ScoringBatchEntry(row, NoOrigins));
            var scores = await _model.ScoreAsync(entries, CancellationToken.None);
            if (scores.Length != entries.Count)
                throw new InvalidOperationException($"model '{_model.Info.Id}' returned {scores.Length} scores for {entries.Count} requests");
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _rows, entries.Count);
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Result.TrySetResult(scores.AsSpan(offset, pending.Rows.Count).ToArray());
                offset += pending.Rows.Count;
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Result.TrySetException(e);
        }
    }

    /// <summary>Stops taking requests and finishes the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
        _collecting.Dispose();
    }
}
