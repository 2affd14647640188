using System.Net;

namespace RMBench.Remote.Http;

/// <summary>
/// A failure worth retrying (scoring is idempotent): connection errors, timeouts, 5xx, 429, a malformed or
/// miscounted response, or a transport's own transient codes (gRPC UNAVAILABLE). Counts against the endpoint's
/// circuit breaker; the pool retries it, on another replica when one is healthier.
/// </summary>
public sealed class TransientRemoteException(RemoteEndpoint endpoint, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"{endpoint}: {message}", inner)
{
    public RemoteEndpoint Endpoint { get; } = endpoint;
    /// <summary>The server's Retry-After (429/503), honoured as the next delay.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The server refused the request as the request's fault (400, 404, 422, 401, 403; gRPC INVALID_ARGUMENT, NOT_FOUND):
/// never retried, reported once with the server's message. During the pre-flight checks it becomes exit 3.
/// </summary>
public sealed class RemoteRejectedException(RemoteEndpoint endpoint, string status, string serverMessage, Exception? inner = null)
    : Exception($"{endpoint}: {status}: {serverMessage}", inner)
{
    public RemoteEndpoint Endpoint { get; } = endpoint;
    /// <summary>"HTTP 404", "gRPC INVALID_ARGUMENT"...</summary>
    public string Status { get; } = status;
    public string ServerMessage { get; } = serverMessage;
    public HttpStatusCode? HttpStatus { get; init; }
}

/// <summary>How a transport classifies an exception its client threw (the pool's hook for e.g. gRPC status codes).</summary>
public enum FaultKind
{
    /// <summary>Not a remote fault: propagate unchanged.</summary>
    Unknown,
    Transient,
    Rejected,
}

/// <param name="Message">Short description for the error message (no secrets).</param>
/// <param name="Status">For rejections: the status name ("gRPC NOT_FOUND").</param>
public readonly record struct RemoteFault(FaultKind Kind, string Message, TimeSpan? RetryAfter = null, string Status = "");

/// <summary>Classifies an exception thrown inside <see cref="EndpointPool.ExecuteAsync{T}"/>; return Kind Unknown for ones it does not know.</summary>
public delegate RemoteFault FaultClassifier(Exception exception);
