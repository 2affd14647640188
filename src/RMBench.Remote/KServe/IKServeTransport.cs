namespace RMBench.Remote.KServe;

/// <summary>
/// One KServe v2 endpoint over REST or gRPC. Calls throw <see cref="KServeCallException"/> for an answer
/// that is an error (with whether a retry may help) and the transport's own exceptions
/// (HttpRequestException, RpcException UNAVAILABLE, timeouts) when no answer came.
/// </summary>
public interface IKServeTransport : IDisposable
{
    /// <summary>The endpoint as shown in messages and run.json (scheme, host, port; never credentials).</summary>
    string Endpoint { get; }

    Task<bool> ServerLiveAsync(CancellationToken cancellationToken);
    Task<bool> ServerReadyAsync(CancellationToken cancellationToken);
    /// <summary>False when the server knows the model but it is not ready; a model it does not know is a KServeCallException (NotFound).</summary>
    Task<bool> ModelReadyAsync(string model, string? version, CancellationToken cancellationToken);
    Task<ModelMetadata> ModelMetadataAsync(string model, string? version, CancellationToken cancellationToken);
    Task<InferenceResponseMessage> InferAsync(string model, string? version, InferenceRequestMessage request, CancellationToken cancellationToken);
}

/// <summary>What kind of failure an error answer is: the request's fault, a missing model, or a transient server condition.</summary>
public enum KServeFailure
{
    /// <summary>400/422, INVALID_ARGUMENT: retrying the same request cannot help.</summary>
    BadRequest,
    /// <summary>404, NOT_FOUND: no such model (or version).</summary>
    NotFound,
    /// <summary>401/403, UNAUTHENTICATED/PERMISSION_DENIED.</summary>
    Unauthorized,
    /// <summary>5xx, 429, UNAVAILABLE, RESOURCE_EXHAUSTED: a retry may succeed.</summary>
    Transient,
}

/// <summary>An error answer from the server, with its own message.</summary>
public sealed class KServeCallException(string endpoint, KServeFailure failure, string status, string serverMessage, TimeSpan? retryAfter = null)
    : Exception($"{endpoint}: {status}: {serverMessage}")
{
    public string Endpoint { get; } = endpoint;
    public KServeFailure Failure { get; } = failure;
    public string Status { get; } = status;
    public string ServerMessage { get; } = serverMessage;
    /// <summary>A 429/503's Retry-After, when the server sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public bool IsTransient => Failure == KServeFailure.Transient;
}
