using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Remote.Http;

namespace RMBench.Remote.Tei;

/// <summary>
/// `tei:URL`: an encoder reward model (sequence classification) on Hugging Face text-embeddings-inference. GET /info
/// gives the model id and revision sha (the digest: the score cache is used); POST /predict scores (prompt, response)
/// pairs with raw_scores. The prompt is the final user turn, as encoder RMs are trained on (question, answer).
/// </summary>
public sealed class TeiBackend : IModelBackend
{
    public string Name => "tei";
    public string Description => "encoder reward model on text-embeddings-inference: /predict (prompt, response) pairs, raw scores; replicas via --endpoint";
    public string Usage => "tei:URL";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        var (url, _) = RemoteSpec.Parse(argument, Usage, modelRequired: false);
        var remote = RemoteOptions.From(options);
        var pool = new EndpointPool([url, .. remote.Endpoints], remote, $"tei model at {RemoteEndpoint.Describe(url)}");
        try
        {
            var infos = await pool.PreflightAsync((endpoint, ct) => pool.GetJsonAsync<TeiInfo>(endpoint, "info", ct), cancellationToken);
            var info = infos[0].Result;
            var modelId = info.ModelId ?? "unknown";
            foreach (var (endpoint, other) in infos.Skip(1))
                if (other.ModelId != info.ModelId || other.ModelSha != info.ModelSha)
                    throw new InputException(endpoint.Display, $"serves {other.ModelId}@{other.ModelSha}, not {modelId}@{info.ModelSha} like {infos[0].Endpoint.Display}: replicas must serve one model");
            var identity = new RemoteIdentity(Name, modelId, pool)
            {
                ServerModel = info.ModelId,
                ServerVersion = info.Version,
                ServerDigest = string.IsNullOrEmpty(info.ModelSha) ? null : info.ModelSha,
            };
            var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = "pair(prompt, response)" };
            return new TeiRewardModel(pool, identity.ToModelInfo("tei-" + modelId, settings), options.MaxLength is not null);
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }
}

internal sealed class TeiRewardModel(EndpointPool pool, ModelInfo info, bool truncate) : RemoteRewardModel(pool)
{
    public override ModelInfo Info => info;

    protected override async Task<float[]> ScoreOnAsync(RemoteEndpoint endpoint, IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        var request = new TeiPredictRequest { Inputs = [.. batch.Select(e => Pair(e.Request))], Truncate = truncate };
        var predictions = await Pool.PostJsonAsync<TeiPredictRequest, List<List<TeiPrediction>>>(endpoint, "predict", request, cancellationToken);
        return [.. predictions.Select(classes => classes.Count == 1
            ? classes[0].Score
            : throw new RemoteRejectedException(endpoint, "model output", $"/predict returned {classes.Count} classes per input; tei scores single-logit reward heads"))];
    }

    private static string[] Pair(ScoringRequest request) => [request.Prompt, request.Response];
}
