using Grpc.Core;
using RMBench.Remote.KServe;
using RMBench.Remote.KServe.Grpc;

namespace RMBench.Remote.Serve;

/// <summary>The gRPC side of `rmbench serve`: inference.GRPCInferenceService over the served model (raw contents both ways).</summary>
public sealed class GrpcInferenceEndpoint(ServedModel served, ServeState state) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = state.Ready });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var response = new ServerMetadataResponse { Name = ServeState.ServerName, Version = ServeState.ServerVersion };
        response.Extensions.AddRange(ServeState.Extensions);
        return Task.FromResult(response);
    }

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) => Guard(() =>
    {
        served.Check(request.Name, request.Version);
        return Task.FromResult(new ModelReadyResponse { Ready = state.Ready });
    });

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context) => Guard(() =>
    {
        served.Check(request.Name, request.Version);
        var metadata = served.Metadata;
        var response = new ModelMetadataResponse { Name = metadata.Name, Platform = metadata.Platform };
        response.Versions.AddRange(metadata.Versions);
        static ModelMetadataResponse.Types.TensorMetadata Tensor(TensorMetadata t)
        {
            var tensor = new ModelMetadataResponse.Types.TensorMetadata { Name = t.Name, Datatype = t.Datatype };
            tensor.Shape.AddRange(t.Shape);
            return tensor;
        }
        response.Inputs.AddRange(metadata.Inputs.Select(Tensor));
        response.Outputs.AddRange(metadata.Outputs.Select(Tensor));
        return Task.FromResult(response);
    });

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context) => Guard(async () =>
    {
        InferenceRequestMessage message;
        try { message = GrpcMessages.FromGrpc(request); }
        catch (TensorFormatException e) { throw new ServeRequestException(false, e.Message); }
        var response = await served.InferAsync(request.ModelName, request.ModelVersion, message);
        return GrpcMessages.ToGrpc(response);
    });

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (ServeRequestException e) { throw new RpcException(new Status(e.NotFound ? StatusCode.NotFound : StatusCode.InvalidArgument, e.Message)); }
        catch (TensorFormatException e) { throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message)); }
    }
}
