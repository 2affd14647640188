using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using RMBench.Remote.KServe.Grpc;

namespace RMBench.Remote.KServe;

/// <summary>
/// KServe v2 over gRPC (`inference.GRPCInferenceService`): inputs travel as raw_input_contents and outputs
/// are read from raw_output_contents (or typed contents, from servers that send those).
/// </summary>
public sealed class GrpcTransport : IKServeTransport
{
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly TimeSpan _timeout;
    private readonly Metadata _headers = [];

    /// <param name="address">grpc://host:port (cleartext HTTP/2) or grpcs://host:port (TLS).</param>
    public GrpcTransport(Uri address, TimeSpan timeout, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var scheme = address.Scheme == "grpcs" ? "https" : "http";
        var target = new Uri($"{scheme}://{address.Authority}");
        _channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) },
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        });
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        _timeout = timeout;
        foreach (var (name, value) in headers ?? []) _headers.Add(name.ToLowerInvariant(), value);
        Endpoint = $"{address.Scheme}://{address.Authority}";
    }

    public string Endpoint { get; }

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(_headers, _timeout == Timeout.InfiniteTimeSpan ? null : DateTime.UtcNow + _timeout, cancellationToken);

    public async Task<bool> ServerLiveAsync(CancellationToken cancellationToken) =>
        (await Call(() => _client.ServerLiveAsync(new ServerLiveRequest(), Options(cancellationToken)).ResponseAsync)).Live;

    public async Task<bool> ServerReadyAsync(CancellationToken cancellationToken) =>
        (await Call(() => _client.ServerReadyAsync(new ServerReadyRequest(), Options(cancellationToken)).ResponseAsync)).Ready;

    public async Task<bool> ModelReadyAsync(string model, string? version, CancellationToken cancellationToken) =>
        (await Call(() => _client.ModelReadyAsync(new ModelReadyRequest { Name = model, Version = version ?? "" }, Options(cancellationToken)).ResponseAsync)).Ready;

    public async Task<ModelMetadata> ModelMetadataAsync(string model, string? version, CancellationToken cancellationToken)
    {
        var response = await Call(() => _client.ModelMetadataAsync(new ModelMetadataRequest { Name = model, Version = version ?? "" }, Options(cancellationToken)).ResponseAsync);
        static TensorMetadata Tensor(ModelMetadataResponse.Types.TensorMetadata t) => new(t.Name, t.Datatype, [.. t.Shape]);
        return new ModelMetadata(response.Name, [.. response.Versions], response.Platform,
            [.. response.Inputs.Select(Tensor)], [.. response.Outputs.Select(Tensor)]);
    }

    public async Task<InferenceResponseMessage> InferAsync(string model, string? version, InferenceRequestMessage request, CancellationToken cancellationToken)
    {
        var message = GrpcMessages.ToGrpc(model, version, request);
        var response = await Call(() => _client.ModelInferAsync(message, Options(cancellationToken)).ResponseAsync);
        try { return GrpcMessages.FromGrpc(response); }
        catch (TensorFormatException e) { throw new InvalidDataException($"{Endpoint}: malformed inference response: {e.Message}"); }
    }

    /// <summary>Status codes that are answers become KServeCallException; UNAVAILABLE and friends stay RpcException unless they carry a server message.</summary>
    private async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (RpcException e) when (Classify(e.StatusCode) is { } failure)
        {
            throw new KServeCallException(Endpoint, failure, $"gRPC {e.StatusCode}", e.Status.Detail);
        }
    }

    private static KServeFailure? Classify(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.Unimplemented => KServeFailure.BadRequest,
        StatusCode.NotFound => KServeFailure.NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => KServeFailure.Unauthorized,
        StatusCode.ResourceExhausted or StatusCode.Internal => KServeFailure.Transient,
        _ => null, // Unavailable, DeadlineExceeded, Cancelled: no answer; the caller sees the RpcException
    };

    public void Dispose() => _channel.Dispose();
}

/// <summary>Conversions between RMBench's tensors and the generated gRPC messages (raw contents).</summary>
public static class GrpcMessages
{
    public static ModelInferRequest ToGrpc(string model, string? version, InferenceRequestMessage request)
    {
        var message = new ModelInferRequest { ModelName = model, ModelVersion = version ?? "", Id = request.Id ?? "" };
        foreach (var input in request.Inputs)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype };
            tensor.Shape.AddRange(input.Shape);
            message.Inputs.Add(tensor);
            message.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(input.Data));
        }
        foreach (var output in request.Outputs)
            message.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = output.Name });
        return message;
    }

    public static InferenceRequestMessage FromGrpc(ModelInferRequest message)
    {
        if (message.RawInputContents.Count > 0 && message.RawInputContents.Count != message.Inputs.Count)
            throw new TensorFormatException($"{message.RawInputContents.Count} raw_input_contents for {message.Inputs.Count} inputs");
        var inputs = message.Inputs.Select((t, i) => new Tensor(t.Name, t.Datatype, [.. t.Shape],
            message.RawInputContents.Count > 0 ? message.RawInputContents[i].ToByteArray() : FromContents(t.Name, t.Datatype, t.Contents))).ToList();
        return new InferenceRequestMessage(message.Id.Length == 0 ? null : message.Id, inputs, [.. message.Outputs.Select(o => new RequestedOutput(o.Name))]);
    }

    public static ModelInferResponse ToGrpc(InferenceResponseMessage response)
    {
        var message = new ModelInferResponse { ModelName = response.ModelName, ModelVersion = response.ModelVersion ?? "", Id = response.Id ?? "" };
        foreach (var output in response.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.Datatype };
            tensor.Shape.AddRange(output.Shape);
            message.Outputs.Add(tensor);
            message.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(output.Data));
        }
        return message;
    }

    public static InferenceResponseMessage FromGrpc(ModelInferResponse message)
    {
        if (message.RawOutputContents.Count > 0 && message.RawOutputContents.Count != message.Outputs.Count)
            throw new TensorFormatException($"{message.RawOutputContents.Count} raw_output_contents for {message.Outputs.Count} outputs");
        var outputs = message.Outputs.Select((t, i) => new Tensor(t.Name, t.Datatype, [.. t.Shape],
            message.RawOutputContents.Count > 0 ? message.RawOutputContents[i].ToByteArray() : FromContents(t.Name, t.Datatype, t.Contents))).ToList();
        return new InferenceResponseMessage(message.ModelName, message.ModelVersion.Length == 0 ? null : message.ModelVersion, message.Id, outputs);
    }

    /// <summary>Typed contents to the raw layout (the datatypes RMBench reads or sends).</summary>
    private static byte[] FromContents(string name, string datatype, InferTensorContents? contents)
    {
        contents ??= new InferTensorContents();
        return datatype switch
        {
            TensorDatatype.Fp32 => Tensor.FromSingles(name, [contents.Fp32Contents.Count], [.. contents.Fp32Contents]).Data,
            TensorDatatype.Fp64 => [.. contents.Fp64Contents.SelectMany(BitConverter.GetBytes)],
            TensorDatatype.Int64 => Tensor.FromInt64(name, [contents.Int64Contents.Count], [.. contents.Int64Contents]).Data,
            TensorDatatype.Int32 => [.. contents.IntContents.SelectMany(BitConverter.GetBytes)],
            TensorDatatype.Bool => [.. contents.BoolContents.Select(b => b ? (byte)1 : (byte)0)],
            TensorDatatype.Bytes => Tensor.FromByteElements(name, [contents.BytesContents.Count], [.. contents.BytesContents.Select(b => b.ToByteArray())]).Data,
            _ => throw new TensorFormatException($"tensor '{name}': {datatype} has no typed contents in the protocol; send raw contents"),
        };
    }
}
