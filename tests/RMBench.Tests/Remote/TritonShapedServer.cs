using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RMBench.Remote.KServe.Grpc;

namespace RMBench.Tests.Remote;

/// <summary>A tensor as the test server received or sends it: datatype, shape and raw little-endian bytes.</summary>
public sealed record RawTensor(string Datatype, long[] Shape, byte[] Data)
{
    public long[] Int64s() => Enumerable.Range(0, Data.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(Data.AsSpan(i * 8))).ToArray();
}

/// <summary>A fault the Triton-shaped server injects into one inference call: REST status / gRPC status code.</summary>
public enum KServeFault
{
    None,
    /// <summary>REST 503 / gRPC UNAVAILABLE.</summary>
    Unavailable,
    /// <summary>REST 429 with Retry-After: 1 / gRPC RESOURCE_EXHAUSTED.</summary>
    Exhausted,
    /// <summary>REST 400 / gRPC INVALID_ARGUMENT, with <see cref="TritonShapedServer.InvalidMessage"/>.</summary>
    Invalid,
}

/// <summary>
/// A Triton-shaped KServe v2 server written from the protocol for the tests, independent of RMBench's codec:
/// REST (JSON tensors and the binary extension, parsed here by hand) and gRPC (raw contents), with the
/// metadata it is given and an inference function. It records every inference request's input tensors, can inject
/// faults per inference call (<see cref="Faults"/>) and require an Authorization value (401/403, gRPC
/// UNAUTHENTICATED/PERMISSION_DENIED).
/// </summary>
public sealed class TritonShapedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _metadata;
    private readonly ModelMetadataResponse _grpcMetadata;
    private readonly Func<IReadOnlyDictionary<string, RawTensor>, (string Name, RawTensor Tensor)> _infer;
    private readonly string _model;
    private ListenOptions? _restListen, _grpcListen;

    public const string InvalidMessage = "input 'request' is too long for this model";

    public List<IReadOnlyDictionary<string, RawTensor>> Received { get; } = [];
    /// <summary>Inference calls answered with scores.</summary>
    public int InferCalls;
    /// <summary>Inference calls received, faulted ones included.</summary>
    public int Calls;
    /// <summary>Decides a fault per inference call (1-based number over both transports).</summary>
    public Func<int, KServeFault> Faults { get; set; } = _ => KServeFault.None;
    /// <summary>Required Authorization value; none: 401 / UNAUTHENTICATED, another: 403 / PERMISSION_DENIED.</summary>
    public string? RequiredAuthorization { get; set; }
    /// <summary>When each inference call arrived (Stopwatch timestamps, in call order).</summary>
    public List<long> CallTimes { get; } = [];
    public Uri RestAddress { get; private set; } = null!;
    public Uri GrpcAddress { get; private set; } = null!;

    /// <param name="inputs">(name, datatype, shape) of each input, as the metadata says.</param>
    private TritonShapedServer(string model, (string, string, long[])[] inputs, (string, string, long[])[] outputs,
        Func<IReadOnlyDictionary<string, RawTensor>, (string, RawTensor)> infer)
    {
        _model = model;
        _infer = infer;
        static object Describe((string Name, string Datatype, long[] Shape) t) => new { name = t.Name, datatype = t.Datatype, shape = t.Shape };
        _metadata = new { name = model, versions = new[] { "1" }, platform = "onnxruntime_onnx", inputs = inputs.Select(Describe), outputs = outputs.Select(Describe) };
        _grpcMetadata = new ModelMetadataResponse { Name = model, Platform = "onnxruntime_onnx", Versions = { "1" } };
        foreach (var (n, d, s) in inputs) _grpcMetadata.Inputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = n, Datatype = d, Shape = { s } });
        foreach (var (n, d, s) in outputs) _grpcMetadata.Outputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = n, Datatype = d, Shape = { s } });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http1; _restListen = o; });
            k.Listen(System.Net.IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http2; _grpcListen = o; });
        });
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v2") && Denied(context.Request.Headers.Authorization.ToString()) is { } denied)
            {
                context.Response.StatusCode = denied.Code == StatusCode.Unauthenticated ? 401 : 403;
                await context.Response.WriteAsJsonAsync(new { error = denied.Message });
                return;
            }
            await next(context);
        });
        _app.MapGet("/v2/health/live", () => Results.Ok());
        _app.MapGet("/v2/health/ready", () => Results.Ok());
        _app.MapGet("/v2/models/{name}/ready", (string name) => name == _model ? Results.Ok() : NotFound(name));
        _app.MapGet("/v2/models/{name}", (string name) => name == _model ? Results.Json(_metadata) : NotFound(name));
        _app.MapPost("/v2/models/{name}/infer", InferRestAsync);
        _app.MapGrpcService<GrpcSide>();
    }

    public static async Task<TritonShapedServer> StartAsync(string model, (string, string, long[])[] inputs, (string, string, long[])[] outputs,
        Func<IReadOnlyDictionary<string, RawTensor>, (string, RawTensor)> infer)
    {
        var server = new TritonShapedServer(model, inputs, outputs, infer);
        await server._app.StartAsync();
        server.RestAddress = new Uri($"http://127.0.0.1:{server._restListen!.IPEndPoint!.Port}");
        server.GrpcAddress = new Uri($"grpc://127.0.0.1:{server._grpcListen!.IPEndPoint!.Port}");
        return server;
    }

    private (StatusCode Code, string Message)? Denied(string authorization) =>
        RequiredAuthorization is not { } required || authorization == required ? null
        : authorization.Length == 0 ? (StatusCode.Unauthenticated, "no credentials given") : (StatusCode.PermissionDenied, "this key may not use the model");

    /// <summary>Counts the call and returns its fault.</summary>
    private KServeFault NextFault()
    {
        var call = Interlocked.Increment(ref Calls);
        lock (CallTimes) CallTimes.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        return Faults(call);
    }

    private IResult NotFound(string name) => Results.Json(new { error = $"Request for unknown model: '{name}' is not found" }, statusCode: 404);

    private (string, RawTensor) Infer(Dictionary<string, RawTensor> inputs)
    {
        lock (Received) Received.Add(inputs);
        Interlocked.Increment(ref InferCalls);
        return _infer(inputs);
    }

    /// <summary>The binary extension by hand: JSON header of Inference-Header-Content-Length bytes, then each binary_data_size slice in order.</summary>
    private async Task<IResult> InferRestAsync(HttpContext http, string name)
    {
        if (name != _model) return NotFound(name);
        switch (NextFault())
        {
            case KServeFault.Unavailable: return Results.Json(new { error = "server overloaded" }, statusCode: 503);
            case KServeFault.Invalid: return Results.Json(new { error = InvalidMessage }, statusCode: 400);
            case KServeFault.Exhausted:
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = "rate limited" }, statusCode: 429);
        }
        using var memory = new MemoryStream();
        await http.Request.Body.CopyToAsync(memory);
        var body = memory.ToArray();
        var headerLength = http.Request.Headers.TryGetValue("Inference-Header-Content-Length", out var h) ? int.Parse(h[0]!, CultureInfo.InvariantCulture) : body.Length;
        using var json = JsonDocument.Parse(body.AsMemory(0, headerLength));
        var inputs = new Dictionary<string, RawTensor>();
        var offset = headerLength;
        foreach (var input in json.RootElement.GetProperty("inputs").EnumerateArray())
        {
            var datatype = input.GetProperty("datatype").GetString()!;
            var shape = input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            byte[] data;
            if (input.TryGetProperty("parameters", out var p) && p.TryGetProperty("binary_data_size", out var size))
            {
                data = body.AsSpan(offset, size.GetInt32()).ToArray();
                offset += data.Length;
            }
            else if (datatype == "INT64") data = input.GetProperty("data").EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray() : new[] { v }).SelectMany(v => BitConverter.GetBytes(v.GetInt64())).ToArray();
            else return Results.Json(new { error = $"test server: JSON {datatype} not supported" }, statusCode: 400);
            inputs[input.GetProperty("name").GetString()!] = new RawTensor(datatype, shape, data);
        }
        var (outputName, output) = Infer(inputs);
        var binary = json.RootElement.TryGetProperty("outputs", out var outs) && outs.EnumerateArray().Any(o =>
            o.TryGetProperty("parameters", out var op) && op.TryGetProperty("binary_data", out var b) && b.GetBoolean());
        if (!binary)
        {
            if (output.Datatype != "FP32") return Results.Json(new { error = "test server: ask for binary outputs" }, statusCode: 400);
            var values = Enumerable.Range(0, output.Data.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(output.Data.AsSpan(i * 4)));
            return Results.Json(new { model_name = _model, model_version = "1", outputs = new[] { new { name = outputName, datatype = output.Datatype, shape = output.Shape, data = values } } });
        }
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            model_name = _model,
            model_version = "1",
            outputs = new[] { new { name = outputName, datatype = output.Datatype, shape = output.Shape, parameters = new { binary_data_size = output.Data.Length } } },
        });
        http.Response.Headers["Inference-Header-Content-Length"] = header.Length.ToString(CultureInfo.InvariantCulture);
        return Results.Bytes([.. header, .. output.Data], "application/octet-stream");
    }

    /// <summary>The gRPC side (messages generated from RMBench's proto, which follows the specification's field numbers).</summary>
    public sealed class GrpcSide(TritonShapedServer server) : GRPCInferenceService.GRPCInferenceServiceBase
    {
        private void Authorize(ServerCallContext context)
        {
            if (server.Denied(context.RequestHeaders.GetValue("authorization") ?? "") is { } denied) throw new RpcException(new Status(denied.Code, denied.Message));
        }

        public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context)
        {
            Authorize(context);
            return Task.FromResult(new ServerLiveResponse { Live = true });
        }

        public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) => Task.FromResult(new ServerReadyResponse { Ready = true });

        public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
            request.Name == server._model ? Task.FromResult(new ModelReadyResponse { Ready = true }) : throw new RpcException(new Status(StatusCode.NotFound, $"unknown model '{request.Name}'"));

        public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context) =>
            request.Name == server._model ? Task.FromResult(server._grpcMetadata) : throw new RpcException(new Status(StatusCode.NotFound, $"unknown model '{request.Name}'"));

        public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
        {
            Authorize(context);
            switch (server.NextFault())
            {
                case KServeFault.Unavailable: throw new RpcException(new Status(StatusCode.Unavailable, "server overloaded"));
                case KServeFault.Exhausted: throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many requests"));
                case KServeFault.Invalid: throw new RpcException(new Status(StatusCode.InvalidArgument, InvalidMessage));
            }
            var inputs = request.Inputs.Select((t, i) => (t.Name, new RawTensor(t.Datatype, [.. t.Shape], request.RawInputContents[i].ToByteArray()))).ToDictionary(x => x.Name, x => x.Item2);
            var (name, output) = server.Infer(inputs);
            var response = new ModelInferResponse { ModelName = server._model, ModelVersion = "1" };
            response.Outputs.Add(new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = output.Datatype, Shape = { output.Shape } });
            response.RawOutputContents.Add(ByteString.CopyFrom(output.Data));
            return Task.FromResult(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
