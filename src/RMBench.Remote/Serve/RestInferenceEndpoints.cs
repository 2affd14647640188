using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RMBench.Remote.KServe;

namespace RMBench.Remote.Serve;

/// <summary>Whether the server takes new work (false once shutdown began) and what it says about itself.</summary>
public sealed class ServeState
{
    public const string ServerName = "rmbench";
    public static readonly string ServerVersion = typeof(ServeState).Assembly.GetName().Version?.ToString() ?? "0";
    public static readonly string[] Extensions = ["binary_tensor_data"];

    public volatile bool Ready = true;
}

/// <summary>
/// The REST side of `rmbench serve` (KServe v2 HTTP/REST): health, server and model metadata, readiness
/// and inference with JSON tensors or the binary tensor data extension. Errors are {"error": "..."} with
/// 400 (the request's fault) or 404 (no such model or version).
/// </summary>
public static class RestInferenceEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServedModel served, ServeState state)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => state.Ready ? Results.Ok() : Results.StatusCode(503));
        app.MapGet("/v2", () => Results.Json(new { name = ServeState.ServerName, version = ServeState.ServerVersion, extensions = ServeState.Extensions }));
        foreach (var prefix in new[] { "/v2/models/{name}", "/v2/models/{name}/versions/{version}" })
        {
            app.MapGet(prefix, (HttpContext http, string name, string? version) =>
                Handle(http, () => { served.Check(name, version); return Bytes(http, served.Metadata.ToJson(), null); }));
            app.MapGet(prefix + "/ready", (HttpContext http, string name, string? version) =>
                Handle(http, () => { served.Check(name, version); return Task.FromResult(state.Ready ? Results.Ok() : Results.StatusCode(503)); }));
            app.MapPost(prefix + "/infer", (HttpContext http, string name, string? version) => Handle(http, () => InferAsync(http, served, name, version)));
        }
    }

    private static async Task<IResult> InferAsync(HttpContext http, ServedModel served, string name, string? version)
    {
        served.Check(name, version);
        var body = await ReadBodyAsync(http.Request);
        int? headerLength = null;
        if (http.Request.Headers[RestCodec.HeaderLengthHeader] is { Count: > 0 } values)
            headerLength = int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ServeRequestException(false, $"{RestCodec.HeaderLengthHeader} '{values[0]}' is not a byte count");
        var request = RestCodec.ReadRequest(body, headerLength);
        var response = await served.InferAsync(name, version, request);
        var binary = RestCodec.WriteResponse(response, output =>
            request.Outputs.FirstOrDefault(o => o.Name == output)?.Binary ?? request.BinaryOutputDefault);
        return await Bytes(http, binary.Bytes, binary.HeaderLength);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            var buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer);
            return buffer;
        }
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory);
        return memory.ToArray();
    }

    private static Task<IResult> Bytes(HttpContext http, byte[] bytes, int? headerLength)
    {
        if (headerLength is { } length) http.Response.Headers[RestCodec.HeaderLengthHeader] = length.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(Results.Bytes(bytes, headerLength is null ? "application/json" : "application/octet-stream"));
    }

    private static async Task<IResult> Handle(HttpContext http, Func<Task<IResult>> handler)
    {
        try { return await handler(); }
        catch (ServeRequestException e) { return Error(e.NotFound ? 404 : 400, e.Message); }
        catch (TensorFormatException e) { return Error(400, e.Message); }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested) { return Error(500, e.Message); }
    }

    private static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IResult Error(int status, string message) =>
        Results.Content(JsonSerializer.Serialize(new { error = message }, ErrorJson), "application/json", statusCode: status);
}
