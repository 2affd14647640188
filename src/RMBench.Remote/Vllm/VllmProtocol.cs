using System.Text.Json;
using System.Text.Json.Serialization;

namespace RMBench.Remote.Vllm;

// vLLM's OpenAI-compatible server, pooling API (vllm/entrypoints/pooling): field names as on the wire.

internal sealed record VllmMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

/// <summary>POST /classify or /pooling, chat form: one conversation, the server applies the model's chat template.</summary>
internal sealed record VllmChatRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("messages")] public required IReadOnlyList<VllmMessage> Messages { get; init; }
    /// <summary>False: the raw logit (vLLM applies sigmoid/softmax otherwise).</summary>
    [JsonPropertyName("use_activation")] public bool UseActivation { get; init; }
    [JsonPropertyName("add_generation_prompt")] public bool AddGenerationPrompt { get; init; }
    [JsonPropertyName("truncate_prompt_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? TruncatePromptTokens { get; init; }
}

/// <summary>POST /classify or /pooling, completion form: texts the client rendered, a batch per request.</summary>
internal sealed record VllmTextRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("input")] public required IReadOnlyList<string> Input { get; init; }
    [JsonPropertyName("use_activation")] public bool UseActivation { get; init; }
    /// <summary>The client's template already wrote BOS and the like.</summary>
    [JsonPropertyName("add_special_tokens")] public bool AddSpecialTokens { get; init; }
    [JsonPropertyName("truncate_prompt_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? TruncatePromptTokens { get; init; }
}

internal sealed record VllmUsage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; init; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }
}

/// <summary>/classify response: data[i].probs are the class values (raw logits with use_activation false).</summary>
internal sealed record VllmClassifyResponse
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("data")] public IReadOnlyList<VllmClassifyData>? Data { get; init; }
    [JsonPropertyName("usage")] public VllmUsage? Usage { get; init; }
}

internal sealed record VllmClassifyData
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("probs")] public IReadOnlyList<float>? Probs { get; init; }
    [JsonPropertyName("num_classes")] public int NumClasses { get; init; }
}

/// <summary>/pooling response: data[i].data is the pooled output; per-token reward models give one row per token.</summary>
internal sealed record VllmPoolingResponse
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("data")] public IReadOnlyList<VllmPoolingData>? Data { get; init; }
    [JsonPropertyName("usage")] public VllmUsage? Usage { get; init; }
}

internal sealed record VllmPoolingData
{
    [JsonPropertyName("index")] public int Index { get; init; }
    /// <summary>A number, a vector, or a matrix [tokens][values].</summary>
    [JsonPropertyName("data")] public JsonElement Data { get; init; }
}

/// <summary>GET /v1/models.</summary>
internal sealed record VllmModelList
{
    [JsonPropertyName("data")] public IReadOnlyList<VllmModelCard>? Data { get; init; }
}

internal sealed record VllmModelCard
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("root")] public string? Root { get; init; }
    [JsonPropertyName("max_model_len")] public int? MaxModelLen { get; init; }
}
