using System.Text.Json;
using System.Text.Json.Nodes;
using RMBench.Core.Models;

namespace RMBench.Remote.Judge;

public sealed record ChatMessage(string Role, string Content);

/// <summary>One generated token's log-prob and the top alternatives at its position.</summary>
public sealed record TokenLogprob(string Token, double Logprob, IReadOnlyList<(string Token, double Logprob)> Top);

/// <param name="Logprobs">Null when the server returned none.</param>
public sealed record ChatReply(string Content, int PromptTokens, int CompletionTokens, IReadOnlyList<TokenLogprob>? Logprobs);

/// <summary>Sends one JSON body to the chat completions endpoint and returns a successful reply's body.</summary>
public interface IChatTransport : IDisposable
{
    /// <summary>What errors name (the URL, never a credential).</summary>
    string Endpoint { get; }

    Task<string> PostAsync(string json, CancellationToken cancellationToken);
}

/// <summary>
/// OpenAI-compatible chat completions: temperature 0, a fixed seed, max_tokens, and when asked
/// logprobs/top_logprobs. A body that is not the expected JSON is a <see cref="ModelUnavailableException"/>
/// naming the endpoint (the run ends partial, exit 4, resumable).
/// </summary>
public sealed class ChatClient(IChatTransport transport, string model, JudgeSettings settings)
{
    public const int TopLogprobs = 20;

    public string Endpoint => transport.Endpoint;

    public string RequestBody(IReadOnlyList<ChatMessage> messages)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
            ["temperature"] = 0,
            ["seed"] = settings.Seed,
            ["max_tokens"] = settings.MaxTokens,
        };
        if (settings.Logprobs)
        {
            body["logprobs"] = true;
            body["top_logprobs"] = TopLogprobs;
        }
        return body.ToJsonString();
    }

    public async Task<ChatReply> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var text = await transport.PostAsync(RequestBody(messages), cancellationToken);
        try
        {
            return Parse(text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException)
        {
            var start = text.Length > 80 ? text[..80] + "..." : text;
            throw new ModelUnavailableException(
                $"judge server {transport.Endpoint} did not answer an OpenAI-compatible chat completion (JSON with choices[0].message.content): {start.ReplaceLineEndings(" ")}", e);
        }
    }

    private static ChatReply Parse(string text)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        var choice = root["choices"]!.AsArray()[0]!.AsObject();
        var content = choice["message"]!["content"]?.GetValue<string>() ?? "";
        var usage = root["usage"] as JsonObject;
        int Tokens(string key) => usage?[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        List<TokenLogprob>? logprobs = null;
        if (choice["logprobs"]?["content"] is JsonArray tokens)
            logprobs = [.. tokens.Select(t => new TokenLogprob(t!["token"]!.GetValue<string>(), t["logprob"]!.GetValue<double>(),
                t["top_logprobs"] is JsonArray top
                    ? [.. top.Select(a => (a!["token"]!.GetValue<string>(), a["logprob"]!.GetValue<double>()))]
                    : []))];
        return new ChatReply(content, Tokens("prompt_tokens"), Tokens("completion_tokens"), logprobs);
    }
}

/// <summary>
/// A plain HttpClient transport: bearer key, timeout, one attempt. Used until the shared remote plumbing
/// (endpoint pool, retries, circuit breakers) is wired in.
/// </summary>
public sealed class HttpChatTransport : IChatTransport
{
    private readonly HttpClient _http;
    private readonly Uri _url;

    public HttpChatTransport(Uri baseUrl, string? apiKey, TimeSpan timeout)
    {
        _url = new Uri(baseUrl.ToString().TrimEnd('/') + "/chat/completions");
        _http = new HttpClient { Timeout = timeout };
        if (apiKey is not null) _http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        Endpoint = _url.GetLeftPart(UriPartial.Path);
    }

    public string Endpoint { get; }

    public async Task<string> PostAsync(string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await _http.PostAsync(_url, content, cancellationToken); }
        catch (HttpRequestException e) { throw new ModelUnavailableException($"judge server {Endpoint} unreachable: {e.Message}", e); }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new ModelUnavailableException($"judge server {Endpoint} answered {(int)response.StatusCode}: {body}", null);
            return body;
        }
    }

    public void Dispose() => _http.Dispose();
}
