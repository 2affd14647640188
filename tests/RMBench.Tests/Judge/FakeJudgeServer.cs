using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RMBench.Tests.Judge;

/// <summary>One chat completions call as the test server saw it.</summary>
/// <param name="Authorization">The Authorization header as sent (null when none).</param>
public sealed record JudgeCall(JsonObject Body, int Number, string? Authorization = null)
{
    public JsonArray Messages => Body["messages"]!.AsArray();
    public string User => Messages.Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>()).First();
    public string? ReplyA => Section("Reply A");
    public string? ReplyB => Section("Reply B");
    public string? Reply => Section("Reply");
    public bool IsFollowUp => Messages.Count > 2 && Messages[^2]!["role"]!.GetValue<string>() == "assistant";

    private string? Section(string name)
    {
        var match = Regex.Match(User, $@"\[{Regex.Escape(name)}\]\n(.*?)\n\[End of {Regex.Escape(name.ToLowerInvariant()[..1] + name[1..])}\]", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }
}

/// <summary>What the server answers: a chat completion with this content (and optional log-probs), or a raw status and body.</summary>
public sealed record JudgeAnswer(string Content, JsonArray? Logprobs = null, int Status = 200, string? RawBody = null, string? RetryAfter = null)
{
    public static JudgeAnswer Raw(int status, string body, string? retryAfter = null) => new("", null, status, body, retryAfter);
}

/// <summary>
/// An OpenAI-compatible chat completions server written for the tests (Kestrel on 127.0.0.1, port 0):
/// answers with <c>answer(call)</c>, counts and keeps every call, reports usage as 10 prompt tokens and
/// 3 completion tokens per call. GET /v1/models (the judge's pre-flight) lists "test-judge", or answers
/// <c>models(authorization)</c> when given.
/// </summary>
public sealed class FakeJudgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    public ConcurrentQueue<JudgeCall> Calls { get; } = new();
    public string BaseUrl { get; }
    public int Count => _count;

    private FakeJudgeServer(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    /// <summary>GET /v1/models requests seen.</summary>
    public int ModelListRequests => _modelLists;

    private int _modelLists;

    public static async Task<FakeJudgeServer> StartAsync(Func<JudgeCall, JudgeAnswer> answer, TimeSpan? delay = null,
        Func<string?, JudgeAnswer>? models = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeJudgeServer? server = null;
        app.MapGet("/v1/models", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server!._modelLists);
            var reply = models?.Invoke(context.Request.Headers.Authorization.FirstOrDefault())
                ?? JudgeAnswer.Raw(200, """{"object": "list", "data": [{"id": "test-judge", "object": "model", "root": "/weights/test-judge"}]}""");
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
            await context.Response.WriteAsync(reply.RawBody ?? "");
        });
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var call = new JudgeCall(body, Interlocked.Increment(ref server!._count), context.Request.Headers.Authorization.FirstOrDefault());
            server.Calls.Enqueue(call);
            if (delay is { } d) await Task.Delay(d);
            var reply = answer(call);
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
            if (reply.RawBody is not null)
            {
                await context.Response.WriteAsync(reply.RawBody);
                return;
            }
            var choice = new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                ["finish_reason"] = "stop",
            };
            if (reply.Logprobs is not null) choice["logprobs"] = new JsonObject { ["content"] = reply.Logprobs };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["id"] = "cmpl-test",
                ["object"] = "chat.completion",
                ["model"] = body["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(choice),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 3, ["total_tokens"] = 13 },
            }.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeJudgeServer(app, address + "/v1");
        return server;
    }

    /// <summary>The model SPEC for this server.</summary>
    public string Spec(string model = "test-judge") => $"judge:{BaseUrl}#{model}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
