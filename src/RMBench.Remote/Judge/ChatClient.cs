using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RMBench.Remote.Http;

namespace RMBench.Remote.Judge;

public sealed record ChatMessage(string Role, string Content);

/// <summary>One generated token's log-prob and the top alternatives at its position.</summary>
public sealed record TokenLogprob(string Token, double Logprob, IReadOnlyList<(string Token, double Logprob)> Top);

/// <param name="Logprobs">Null when the server returned none.</param>
public sealed record ChatReply(string Content, int PromptTokens, int CompletionTokens, IReadOnlyList<TokenLogprob>? Logprobs);

/// <summary>
/// OpenAI-compatible chat completions over the shared <see cref="EndpointPool"/>: temperature 0, a fixed seed,
/// max_tokens, and when asked logprobs/top_logprobs. Each completion is one <see cref="EndpointPool.ExecuteAsync{T}"/>
/// call, so 429/5xx, dropped connections, timeouts and a body that is not a chat completion are retried (on another
/// replica when there is one) and, once the budget is spent, end the run partial (exit 4, resumable); other 4xx are
/// reported once with the server's message.
/// </summary>
public sealed class ChatClient(EndpointPool pool, string model, JudgeSettings settings)
{
    public const int TopLogprobs = 20;
    public const string CompletionsPath = "chat/completions";

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

    public Task<ChatReply> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(RequestBody(messages));
        return pool.ExecuteAsync(async (endpoint, ct) =>
        {
            using var request = pool.CreateRequest(HttpMethod.Post, endpoint, CompletionsPath);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await pool.SendAsync(request, endpoint, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            try
            {
                return Parse(text);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException or ArgumentOutOfRangeException)
            {
                // A proxy's login page or an overloaded server's half answer: transient, retried like a 5xx.
                throw new TransientRemoteException(endpoint,
                    $"did not answer an OpenAI-compatible chat completion (JSON with choices[0].message.content): {Start(text)}", inner: e);
            }
        }, cancellationToken);
    }

    /// <summary>The first 80 characters of a body, on one line.</summary>
    internal static string Start(string text) => (text.Length > 80 ? text[..80] + "..." : text).ReplaceLineEndings(" ");

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
