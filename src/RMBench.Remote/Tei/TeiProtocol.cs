using System.Text.Json.Serialization;

namespace RMBench.Remote.Tei;

// Hugging Face text-embeddings-inference (TEI) HTTP API, sequence-classification routes: field names as on the wire.

/// <summary>POST /predict: a batch of (text, text_pair) inputs; raw_scores keeps the logits (no sigmoid/softmax).</summary>
internal sealed record TeiPredictRequest
{
    [JsonPropertyName("inputs")] public required IReadOnlyList<string[]> Inputs { get; init; }
    [JsonPropertyName("raw_scores")] public bool RawScores { get; init; } = true;
    [JsonPropertyName("truncate")] public bool Truncate { get; init; }
}

/// <summary>One class of one input's prediction (the response is a list per input).</summary>
internal sealed record TeiPrediction
{
    [JsonPropertyName("score")] public float Score { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
}

/// <summary>GET /info.</summary>
internal sealed record TeiInfo
{
    [JsonPropertyName("model_id")] public string? ModelId { get; init; }
    [JsonPropertyName("model_sha")] public string? ModelSha { get; init; }
    [JsonPropertyName("model_dtype")] public string? ModelDtype { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("max_client_batch_size")] public int? MaxClientBatchSize { get; init; }
}
