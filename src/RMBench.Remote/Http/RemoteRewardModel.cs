using RMBench.Core.Models;
using RMBench.Core.Requests;

namespace RMBench.Remote.Http;

/// <summary>
/// Base of the remote backends' models: a batch is one <see cref="EndpointPool.ExecuteAsync{T}"/> call whose attempt
/// <see cref="ScoreOnAsync"/> sends it to one endpoint; a reply with the wrong number of scores is a transient fault
/// naming the endpoint (retried, possibly elsewhere). Concurrent (4 batches per endpoint by default), reports the
/// token counts the subclass records in <see cref="Tokens"/>, and disposes the pool.
/// </summary>
public abstract class RemoteRewardModel(EndpointPool pool) : IRewardModel, IConcurrentModel, IReportedTokenCounts
{
    public EndpointPool Pool { get; } = pool;
    public abstract ModelInfo Info { get; }
    public int DefaultConcurrency => Pool.DefaultConcurrency;
    protected ReportedTokens Tokens { get; } = new();

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
        Pool.ExecuteAsync(async (endpoint, ct) =>
        {
            var scores = await ScoreOnAsync(endpoint, batch, ct);
            if (scores.Length != batch.Count)
                throw new TransientRemoteException(endpoint, $"returned {scores.Length} scores for {batch.Count} requests");
            return scores;
        }, cancellationToken);

    /// <summary>Scores the whole batch on <paramref name="endpoint"/> (one or several requests to it); must be idempotent.</summary>
    protected abstract Task<float[]> ScoreOnAsync(RemoteEndpoint endpoint, IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken);

    public bool TryGetTokens(ScoringRequest request, out int tokens) => Tokens.TryGet(request, out tokens);

    public virtual ValueTask DisposeAsync() => Pool.DisposeAsync();
}
