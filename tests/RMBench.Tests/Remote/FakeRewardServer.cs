using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RMBench.Core.Models.Baselines;

namespace RMBench.Tests.Remote;

/// <summary>A fault the server injects into one scoring request instead of answering it.</summary>
public enum Fault { None, Status503, Status429, Stall, Drop, Malformed, WrongCount, Status400 }

/// <summary>
/// A vLLM- and TEI-shaped reward server on 127.0.0.1:0, written from the published protocols: GET /v1/models,
/// POST /classify and /pooling (chat `messages` or `input` texts), GET /info and POST /predict. Its reward is the
/// `length` baseline's (code points of the response), so a remote run must reproduce the in-process `length` run.
/// </summary>
public sealed class FakeRewardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _scoringCalls;

    public const string ModelName = "test/length-rm";

    private FakeRewardServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;
    /// <summary>Decides a fault per scoring call (1-based call number); default none.</summary>
    public Func<int, Fault> Faults { get; set; } = _ => Fault.None;
    /// <summary>Required "Authorization" header value, if any (401 otherwise).</summary>
    public string? RequiredAuthorization { get; init; }
    public TimeSpan Delay { get; set; }
    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(5);
    public int ScoringCalls => _scoringCalls;
    public ConcurrentQueue<JsonObject> Bodies { get; } = new();
    public string? ModelSha { get; init; } = "abc123";

    public static async Task<FakeRewardServer> StartAsync(string? requiredAuthorization = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FakeRewardServer(app) { RequiredAuthorization = requiredAuthorization };
        app.Use(async (context, next) =>
        {
            if (server.RequiredAuthorization is { } auth && context.Request.Headers.Authorization != auth)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "Unauthorized", type = "auth" } });
                return;
            }
            await next(context);
        });
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = ModelName, @object = "model", root = "/models/length-rm", max_model_len = 4096 } } }));
        app.MapGet("/info", () => Results.Json(new { model_id = ModelName, model_sha = server.ModelSha, model_dtype = "float16", version = "1.7.0", max_client_batch_size = 32 }));
        app.MapPost("/classify", context => server.ScoreAsync(context, Route.Classify));
        app.MapPost("/pooling", context => server.ScoreAsync(context, Route.Pooling));
        app.MapPost("/predict", context => server.ScoreAsync(context, Route.Predict));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    private enum Route { Classify, Pooling, Predict }

    private async Task ScoreAsync(HttpContext context, Route route)
    {
        var call = Interlocked.Increment(ref _scoringCalls);
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        Bodies.Enqueue(body);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        var fault = Faults(call);
        switch (fault)
        {
            case Fault.Status503:
                context.Response.StatusCode = 503;
                await context.Response.WriteAsJsonAsync(new { message = "server overloaded" });
                return;
            case Fault.Status429:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new { message = "rate limited" });
                return;
            case Fault.Status400:
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { @object = "error", message = "prompt too long for this model", type = "BadRequestError", code = 400 });
                return;
            case Fault.Stall:
                await Task.Delay(StallFor, context.RequestAborted).ContinueWith(_ => { });
                break;
            case Fault.Drop:
                context.Abort();
                return;
            case Fault.Malformed:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"data\": [ {\"index\": 0, \"probs\": [1.0");
                return;
        }
        if (body["model"] is { } model && route != Route.Predict && model.GetValue<string>() != ModelName)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { message = $"The model `{model}` does not exist." });
            return;
        }
        var texts = Texts(body, route);
        var scores = texts.Select(t => (float)LengthModel.CountCodePoints(t)).ToList();
        if (fault == Fault.WrongCount) scores.Add(0);
        var tokens = texts.Sum(t => t.Length / 4 + 1);
        object response = route switch
        {
            Route.Classify => new { @object = "list", model = ModelName, data = scores.Select((s, i) => new { index = i, label = "LABEL_0", probs = new[] { s }, num_classes = 1 }), usage = new { prompt_tokens = tokens, total_tokens = tokens } },
            // Per-token rewards: one [reward] row per token; the last row is the sequence's reward.
            Route.Pooling => new { @object = "list", model = ModelName, data = scores.Select((s, i) => new { index = i, @object = "pooling", data = new[] { new[] { -1f }, new[] { s } } }), usage = new { prompt_tokens = tokens, total_tokens = tokens } },
            _ => scores.Select(s => new[] { new { score = s, label = "LABEL_0" } }),
        };
        await context.Response.WriteAsJsonAsync(response);
    }

    /// <summary>The texts whose reward is asked: the chat's final assistant message, each `input`, or each pair's response.</summary>
    private static List<string> Texts(JsonObject body, Route route)
    {
        if (route == Route.Predict)
        {
            if (body["raw_scores"]?.GetValue<bool>() != true) throw new InvalidOperationException("raw_scores must be true");
            return [.. body["inputs"]!.AsArray().Select(pair => pair!.AsArray()[1]!.GetValue<string>())];
        }
        if (body["use_activation"]?.GetValue<bool>() != false) throw new InvalidOperationException("use_activation must be false");
        if (body["messages"] is JsonArray messages)
        {
            var last = messages[^1]!.AsObject();
            if (last["role"]!.GetValue<string>() != "assistant") throw new InvalidOperationException("the response must be the final assistant message");
            return [last["content"]!.GetValue<string>()];
        }
        return [.. body["input"]!.AsArray().Select(t => t!.GetValue<string>())];
    }

    /// <summary>Stops the server at once (in-flight requests are cut): a replica killed mid-run.</summary>
    public async Task KillAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.Zero);
        try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A loopback port nothing listens on (bound then released).</summary>
    public static Uri DeadUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
