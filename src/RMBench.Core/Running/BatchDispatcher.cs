namespace RMBench.Core.Running;

/// <summary>
/// Scores batches with up to <c>concurrency</c> of them in flight and hands each finished batch to
/// <c>onScored</c> one at a time, on the caller's flow, in completion order (so the journal and the index need
/// no locks). The caller makes results independent of that order: scores are keyed by request hash and items
/// are judged in dataset order afterwards. With concurrency 1 this is the plain sequential loop.
/// On a failure or cancellation no new batch starts, the batches already in flight are awaited and the ones
/// that succeed are still handed over (nothing scored is lost), then the first failure is rethrown.
/// </summary>
public static class BatchDispatcher
{
    public static async Task RunAsync<TBatch>(IEnumerable<TBatch> batches, int concurrency,
        Func<TBatch, CancellationToken, Task<float[]>> score, Action<TBatch, float[]> onScored, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var inFlight = new List<(Task<float[]> Scoring, TBatch Batch)>(concurrency);
        Exception? failure = null;
        using var enumerator = batches.GetEnumerator();
        while (true)
        {
            while (failure is null && inFlight.Count < concurrency && !cancellationToken.IsCancellationRequested && enumerator.MoveNext())
                inFlight.Add((Start(score, enumerator.Current, concurrency, cancellationToken), enumerator.Current));
            if (inFlight.Count == 0) break;
            var done = await Task.WhenAny(inFlight.Select(f => f.Scoring));
            var index = inFlight.FindIndex(f => f.Scoring == done);
            var (scoring, batch) = inFlight[index];
            inFlight.RemoveAt(index);
            try
            {
                onScored(batch, await scoring);
            }
            catch (Exception e) when (failure is null)
            {
                failure = e;
            }
            catch (Exception)
            {
                // a later failure while draining: the first one is what the caller hears about
            }
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Concurrent calls run off the dispatching flow, so a model that works synchronously before its first await
    /// still overlaps with the others; a single call runs inline, exactly as a sequential loop would.
    /// </summary>
    private static Task<float[]> Start<TBatch>(Func<TBatch, CancellationToken, Task<float[]>> score, TBatch batch, int concurrency,
        CancellationToken cancellationToken)
    {
        if (concurrency > 1) return Task.Run(() => score(batch, cancellationToken), CancellationToken.None);
        try { return score(batch, cancellationToken); }
        catch (Exception e) { return Task.FromException<float[]>(e); }
    }
}
