using System.Text.Json;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;
using RMBench.Remote.Http;

namespace RMBench.Remote.Vllm;

/// <summary>
/// Scores on vLLM. Server template: one chat request per conversation (the batch's requests go out together), each
/// reporting usage.prompt_tokens. Client template: the batch rendered locally and sent as one `input` list.
/// </summary>
internal sealed class VllmRewardModel(EndpointPool pool, ModelInfo info, string model, bool pooling, ITextEncoder? template, int? label, int? maxLength)
    : RemoteRewardModel(pool)
{
    public override ModelInfo Info => info;
    private string Route => pooling ? "pooling" : "classify";

    protected override async Task<float[]> ScoreOnAsync(RemoteEndpoint endpoint, IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        if (template is not null) return await ScoreRenderedAsync(endpoint, batch, cancellationToken);
        var scores = await Task.WhenAll(batch.Select(async entry =>
        {
            var request = new VllmChatRequest { Model = model, Messages = Messages(entry.Request), TruncatePromptTokens = maxLength };
            var (values, usage) = await PostAsync(endpoint, request, cancellationToken);
            if (values.Length != 1) throw new TransientRemoteException(endpoint, $"/{Route} returned {values.Length} results for one conversation");
            if (usage is { PromptTokens: > 0 } u) Tokens.Record(entry.Request, u.PromptTokens);
            return values[0];
        }));
        return scores;
    }

    private async Task<float[]> ScoreRenderedAsync(RemoteEndpoint endpoint, IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        var texts = batch.Select(e => Render(e.Request)).ToList();
        var (values, usage) = await PostAsync(endpoint, new VllmTextRequest { Model = model, Input = texts, TruncatePromptTokens = maxLength }, cancellationToken);
        // usage is the batch's total: a per-request count is known only for a batch of one.
        if (batch.Count == 1 && usage is { PromptTokens: > 0 } u) Tokens.Record(batch[0].Request, u.PromptTokens);
        return values;
    }

    private string Render(ScoringRequest request)
    {
        var rendered = ((TextEncoder)template!).Template.Render(request);
        return rendered.Second is null ? rendered.First : rendered.First + rendered.Second;
    }

    private async Task<(float[] Scores, VllmUsage? Usage)> PostAsync<TRequest>(RemoteEndpoint endpoint, TRequest request, CancellationToken cancellationToken)
    {
        if (!pooling)
        {
            var response = await Pool.PostJsonAsync<TRequest, VllmClassifyResponse>(endpoint, "classify", request, cancellationToken);
            var data = Ordered(endpoint, response.Data, d => d.Index);
            return ([.. data.Select(d => Pick(endpoint, d.Probs ?? [], "probs"))], response.Usage);
        }
        var pooled = await Pool.PostJsonAsync<TRequest, VllmPoolingResponse>(endpoint, "pooling", request, cancellationToken);
        return ([.. Ordered(endpoint, pooled.Data, d => d.Index).Select(d => LastTokenReward(endpoint, d.Data))], pooled.Usage);
    }

    private static IReadOnlyList<T> Ordered<T>(RemoteEndpoint endpoint, IReadOnlyList<T>? data, Func<T, int> index) =>
        data is null ? throw new TransientRemoteException(endpoint, "response has no 'data'") : [.. data.OrderBy(index)];

    /// <summary>One value per class: the only one, or the --label index.</summary>
    private float Pick(RemoteEndpoint endpoint, IReadOnlyList<float> values, string field)
    {
        if (values.Count == 1 && label is null or 0) return values[0];
        if (label is { } i && i < values.Count) return values[i];
        throw new RemoteRejectedException(endpoint, "model output", label is null
            ? $"'{field}' has {values.Count} values: choose the reward class with --label INDEX"
            : $"'{field}' has {values.Count} values, no index {label}");
    }

    /// <summary>Per-token rewards: [tokens][values] or [tokens]; a pooled scalar or [values] is the sequence's own.</summary>
    private float LastTokenReward(RemoteEndpoint endpoint, JsonElement data)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Number:
                return data.GetSingle();
            case JsonValueKind.Array when data.GetArrayLength() > 0:
                var last = data[data.GetArrayLength() - 1];
                if (last.ValueKind == JsonValueKind.Number) return last.GetSingle();
                if (last.ValueKind == JsonValueKind.Array) return Pick(endpoint, [.. last.EnumerateArray().Select(v => v.GetSingle())], "data[-1]");
                break;
        }
        throw new TransientRemoteException(endpoint, $"/pooling 'data' is not numbers (got {data.ValueKind})");
    }

    private static List<VllmMessage> Messages(ScoringRequest request)
    {
        var messages = new List<VllmMessage>(request.Turns.Count + 2);
        if (!string.IsNullOrEmpty(request.System)) messages.Add(new("system", request.System));
        messages.AddRange(request.Turns.Select(t => new VllmMessage(t.Role, t.Content)));
        messages.Add(new("assistant", request.Response));
        return messages;
    }
}
