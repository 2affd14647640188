using RMBench.Remote.Http;

namespace RMBench.Remote.KServe;

/// <summary>
/// KServe v2 over REST or gRPC, to any endpoint of an <see cref="EndpointPool"/>. Calls run inside the pool's
/// <see cref="EndpointPool.ExecuteAsync{T}"/> or <see cref="EndpointPool.PreflightAsync{T}"/>, so faults follow the
/// pool's one taxonomy: a transport throws <see cref="TransientRemoteException"/> / <see cref="RemoteRejectedException"/>
/// (REST statuses, malformed responses) or its client's own exceptions, which the pool classifies
/// (<see cref="GrpcTransport.Classify"/> for gRPC status codes, built-in rules for HTTP and sockets).
/// </summary>
public interface IKServeTransport : IDisposable
{
    /// <summary>"rest-binary", "rest-json" or "grpc" (recorded in run.json).</summary>
    string Name { get; }

    Task<bool> ServerLiveAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken);
    Task<bool> ServerReadyAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken);
    /// <summary>False when the server knows the model but it is not ready; a model it does not know is a rejection (404 / NOT_FOUND).</summary>
    Task<bool> ModelReadyAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken);
    /// <summary>Throws <see cref="TensorFormatException"/> for metadata it cannot read.</summary>
    Task<ModelMetadata> ModelMetadataAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken);
    Task<InferenceResponseMessage> InferAsync(RemoteEndpoint endpoint, string model, string? version, InferenceRequestMessage request, CancellationToken cancellationToken);
}
