using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using RMBench.Remote.Http;
using RMBench.Remote.KServe.Grpc;

namespace RMBench.Remote.KServe;

/// <summary>
/// KServe v2 over gRPC (`inference.GRPCInferenceService`), one channel per endpoint of the pool: inputs travel as
/// raw_input_contents and outputs are read from raw_output_contents (or typed contents, from servers that send
/// those). The pool's headers go as call metadata; the pool's timeout token cancels a call. Status codes are left to
/// <see cref="Classify"/>, the pool's <see cref="FaultClassifier"/> for gRPC.
/// </summary>
public sealed class GrpcTransport : IKServeTransport
{
    private readonly GrpcChannel[] _channels;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient[] _clients;
    private readonly Metadata _headers = [];

    /// <param name="pool">Endpoints grpc://host:port (cleartext HTTP/2) or grpcs://host:port (TLS).</param>
    public GrpcTransport(EndpointPool pool)
    {
        _channels = [.. pool.Endpoints.Select(e => GrpcChannel.ForAddress(new Uri($"{(e.BaseUri.Scheme == "grpcs" ? "https" : "http")}://{e.BaseUri.Authority}"), new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) },
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
            // The pool's per-attempt token fires at --timeout: an OperationCanceledException is what it reads as a timeout.
            ThrowOperationCanceledOnCancellation = true,
        }))];
        _clients = [.. _channels.Select(c => new GRPCInferenceService.GRPCInferenceServiceClient(c))];
        foreach (var (name, value) in pool.RequestHeaders) _headers.Add(name.ToLowerInvariant(), value);
    }

    public string Name => "grpc";

    /// <summary>
    /// The pool's classifier for gRPC: UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED (and the server-side
    /// hiccups ABORTED, INTERNAL, UNKNOWN, CANCELLED, DATA_LOSS) are transient; INVALID_ARGUMENT, NOT_FOUND,
    /// UNAUTHENTICATED, PERMISSION_DENIED, FAILED_PRECONDITION, OUT_OF_RANGE, UNIMPLEMENTED, ALREADY_EXISTS are the
    /// request's fault, rejected with the server's message. A "retry-after" trailer (seconds) is honoured.
    /// </summary>
    public static RemoteFault Classify(Exception exception)
    {
        if (exception is not RpcException e) return new(FaultKind.Unknown, exception.Message);
        var status = "gRPC " + StatusName(e.StatusCode);
        var detail = e.Status.Detail.Length > 0 ? e.Status.Detail : "(no message)";
        return e.StatusCode switch
        {
            StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.Unauthenticated or StatusCode.PermissionDenied
                or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.Unimplemented or StatusCode.AlreadyExists
                => new(FaultKind.Rejected, detail, Status: status),
            _ => new(FaultKind.Transient, $"{status}: {detail}", RetryAfter(e)),
        };
    }

    /// <summary>INVALID_ARGUMENT for StatusCode.InvalidArgument: the specification's spelling.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }

    private static TimeSpan? RetryAfter(RpcException e) =>
        e.Trailers.GetValue("retry-after") is { } text && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : null;

    private GRPCInferenceService.GRPCInferenceServiceClient Client(RemoteEndpoint endpoint) => _clients[endpoint.Index];

    /// <summary>No gRPC deadline: the pool's per-attempt token already fires at --timeout (and resets the stream), one timer per call is enough.</summary>
    private CallOptions Options(CancellationToken cancellationToken) => new(_headers, cancellationToken: cancellationToken);

    public async Task<bool> ServerLiveAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken) =>
        (await Client(endpoint).ServerLiveAsync(new ServerLiveRequest(), Options(cancellationToken))).Live;

    public async Task<bool> ServerReadyAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken) =>
        (await Client(endpoint).ServerReadyAsync(new ServerReadyRequest(), Options(cancellationToken))).Ready;

    public async Task<bool> ModelReadyAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken) =>
        (await Client(endpoint).ModelReadyAsync(new ModelReadyRequest { Name = model, Version = version ?? "" }, Options(cancellationToken))).Ready;

    public async Task<ModelMetadata> ModelMetadataAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken)
    {
        var response = await Client(endpoint).ModelMetadataAsync(new ModelMetadataRequest { Name = model, Version = version ?? "" }, Options(cancellationToken));
        static TensorMetadata Tensor(ModelMetadataResponse.Types.TensorMetadata t) => new(t.Name, t.Datatype, [.. t.Shape]);
        return new ModelMetadata(response.Name, [.. response.Versions], response.Platform,
            [.. response.Inputs.Select(Tensor)], [.. response.Outputs.Select(Tensor)]);
    }

    public async Task<InferenceResponseMessage> InferAsync(RemoteEndpoint endpoint, string model, string? version, InferenceRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await Client(endpoint).ModelInferAsync(GrpcMessages.ToGrpc(model, version, request), Options(cancellationToken));
        try { return GrpcMessages.FromGrpc(response); }
        catch (TensorFormatException e) { throw new TransientRemoteException(endpoint, $"malformed inference response: {e.Message}", inner: e); }
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
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
