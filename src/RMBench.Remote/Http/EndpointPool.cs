using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Remote.Http;

/// <summary>
/// The replicas of one remote model and how requests reach them, independent of the transport:
/// <see cref="ExecuteAsync{T}"/> runs an attempt on the healthy endpoint with the fewest requests in flight, with a
/// per-request timeout, retries transient faults (exponential backoff with jitter, Retry-After honoured) through a
/// Polly pipeline, and a circuit breaker per endpoint moves work off a failing replica. When the retry budget is spent
/// it throws <see cref="ModelUnavailableException"/> (the run ends partial and resumable); a rejection
/// (<see cref="RemoteRejectedException"/>) is thrown at once. One HttpClient (pooled connections, TLS) serves every
/// endpoint; transports that are not HTTP (gRPC) use <see cref="RequestHeaders"/> and pass a <see cref="FaultClassifier"/>.
/// Thread-safe.
/// </summary>
public sealed partial class EndpointPool : IAsyncDisposable
{
    /// <summary>Batches in flight per endpoint when the user gives no --concurrency.</summary>
    public const int ConcurrencyPerEndpoint = 4;

    private readonly ResiliencePipeline _retry;
    private readonly FaultClassifier? _transportFaults;
    private readonly string _modelName;
    private int _roundRobin;

    /// <param name="endpoints">Base URLs, the SPEC's first; duplicates are removed.</param>
    /// <param name="modelName">Names the model in errors ("vllm model Skywork/...").</param>
    /// <param name="transportFaults">Classifies exceptions of a non-HTTP client (gRPC RpcException); HTTP ones are built in.</param>
    public EndpointPool(IReadOnlyList<Uri> endpoints, RemoteOptions options, string modelName, FaultClassifier? transportFaults = null)
    {
        if (endpoints.Count == 0) throw new ArgumentException("at least one endpoint", nameof(endpoints));
        Options = options;
        _modelName = modelName;
        _transportFaults = transportFaults;
        Endpoints = [.. endpoints.DistinctBy(u => u.AbsoluteUri.TrimEnd('/')).Select(CreateEndpoint)];
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientRemoteException>().Handle<BrokenCircuitException>().Handle<NoHealthyEndpointException>(),
            MaxRetryAttempts = Math.Max(1, options.Retry.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Retry.BaseDelay,
            MaxDelay = options.Retry.MaxDelay,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is TransientRemoteException { RetryAfter: { } after }
                ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, MaxRetryAfter.Ticks)) : null),
        }).Build();
        Http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 1024,
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
            EnableMultipleHttp2Connections = true,
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A Retry-After above this is capped (a server asking for an hour should not stall the run that long).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public RemoteOptions Options { get; }
    public IReadOnlyList<RemoteEndpoint> Endpoints { get; }
    /// <summary>Shared client for every endpoint; send through <see cref="SendAsync"/> so headers and status handling apply.</summary>
    public HttpClient Http { get; }
    /// <summary>Headers for every request (--header, Authorization from --api-key-env): a gRPC transport sends them as metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders => Options.Headers;
    public int DefaultConcurrency => ConcurrencyPerEndpoint * Endpoints.Count;
    /// <summary>Credential-free endpoint list for run.json ("http://a:8000 http://b:8000").</summary>
    public string Describe() => string.Join(" ", Endpoints.Select(e => e.Display));

    /// <summary>
    /// Runs <paramref name="attempt"/> on an endpoint until it succeeds, is rejected, or the retry budget is spent
    /// (then <see cref="ModelUnavailableException"/>). The attempt's token fires at the per-request timeout.
    /// Attempts must be idempotent: a timed-out one may have reached the server.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<RemoteEndpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var attempts = 0;
        var failed = new HashSet<RemoteEndpoint>();
        try
        {
            return await _retry.ExecuteAsync(async ct =>
            {
                attempts++;
                var endpoint = Pick(failed) ?? throw new NoHealthyEndpointException("every endpoint's circuit is open");
                try
                {
                    return await endpoint.Breaker.ExecuteAsync(async inner => await AttemptAsync(endpoint, attempt, inner), ct);
                }
                catch (Exception e) when (e is TransientRemoteException or BrokenCircuitException)
                {
                    if (e is TransientRemoteException) last = e;
                    // The retry goes to another replica while one is left untried.
                    lock (failed)
                    {
                        failed.Add(endpoint);
                        if (failed.Count >= Endpoints.Count) failed.Clear();
                    }
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e) when (e is TransientRemoteException or BrokenCircuitException or NoHealthyEndpointException)
        {
            var reason = Options.Redact((last ?? e).Message);
            throw new ModelUnavailableException(
                $"{_modelName}: no endpoint could score after {attempts} attempts over {Endpoints.Count} endpoint(s) ({Describe()}); last error: {reason}", last ?? e);
        }
    }

    /// <summary>
    /// Pre-flight checks before any scoring: runs <paramref name="probe"/> once on every endpoint (a transient fault
    /// is tried twice). A rejection anywhere, or no endpoint reachable, is an <see cref="InputException"/> naming each
    /// endpoint (exit 3). Endpoints that failed are kept out of routing for one break duration and reported to stderr;
    /// the results of the others are returned in endpoint order.
    /// </summary>
    public async Task<IReadOnlyList<(RemoteEndpoint Endpoint, T Result)>> PreflightAsync<T>(
        Func<RemoteEndpoint, CancellationToken, Task<T>> probe, CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(Endpoints.Select(async endpoint =>
        {
            for (var tryNumber = 1; ; tryNumber++)
            {
                try
                {
                    return (endpoint, Result: await AttemptAsync(endpoint, probe, cancellationToken), Error: (Exception?)null);
                }
                catch (TransientRemoteException e) when (tryNumber < 2)
                {
                    await Task.Delay(e.RetryAfter is { } after && after < Options.Retry.MaxDelay ? after : Options.Retry.BaseDelay, cancellationToken);
                }
                catch (Exception e) when (e is TransientRemoteException or RemoteRejectedException or InputException)
                {
                    return (endpoint, Result: default(T)!, Error: e);
                }
            }
        }));
        var problems = new List<InputProblem>();
        foreach (var (endpoint, _, error) in outcomes)
        {
            switch (error)
            {
                case RemoteRejectedException rejected:
                    problems.Add(new(endpoint.Display, Options.Redact($"{rejected.Status}: {rejected.ServerMessage}")));
                    break;
                case InputException input:
                    problems.AddRange(input.Problems);
                    break;
            }
        }
        var reachable = outcomes.Where(o => o.Error is null).ToList();
        if (problems.Count == 0 && reachable.Count == 0)
            problems.AddRange(outcomes.Select(o => new InputProblem(o.endpoint.Display, "unreachable: " + Options.Redact(Unprefixed(o.Error!.Message, o.endpoint)))));
        if (problems.Count > 0) throw new InputException(problems);
        foreach (var (endpoint, _, error) in outcomes.Where(o => o.Error is not null))
        {
            endpoint.MarkDown(Options.Retry.BreakDuration);
            await Console.Error.WriteLineAsync($"warning: {_modelName}: endpoint {endpoint.Display} is unreachable; scoring on the other {reachable.Count} ({Options.Redact(Unprefixed(error!.Message, endpoint))})");
        }
        return [.. reachable.Select(o => (o.endpoint, o.Result))];
    }

    /// <summary>Classifies an exception as the pool would (HTTP and socket errors built in, then the transport's hook).</summary>
    public RemoteFault Classify(Exception exception)
    {
        if (_transportFaults?.Invoke(exception) is { Kind: not FaultKind.Unknown } fault) return fault;
        return exception switch
        {
            HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } e => new(FaultKind.Rejected, "TLS: " + e.Message, Status: "TLS"),
            HttpRequestException e => new(FaultKind.Transient, "connection failed: " + e.Message),
            SocketException e => new(FaultKind.Transient, "connection failed: " + e.Message),
            IOException e => new(FaultKind.Transient, "connection broken: " + e.Message),
            _ => new(FaultKind.Unknown, exception.Message),
        };
    }

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> AttemptAsync<T>(RemoteEndpoint endpoint, Func<RemoteEndpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        endpoint.Enter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            return await attempt(endpoint, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientRemoteException(endpoint, $"no response within {Options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--timeout)", inner: e);
        }
        catch (Exception e) when (e is not (TransientRemoteException or RemoteRejectedException or OperationCanceledException or InputException))
        {
            var fault = Classify(e);
            throw fault.Kind switch
            {
                FaultKind.Transient => new TransientRemoteException(endpoint, Options.Redact(fault.Message), fault.RetryAfter, e),
                FaultKind.Rejected => new RemoteRejectedException(endpoint, fault.Status, Options.Redact(fault.Message), e),
                _ => e is ModelUnavailableException ? e : new TransientRemoteException(endpoint, Options.Redact(e.Message), inner: e),
            };
        }
        finally
        {
            endpoint.Leave();
        }
    }

    /// <summary>
    /// Least outstanding among endpoints whose circuit lets calls through, preferring ones not marked down and not
    /// already failed for this call; ties rotate.
    /// </summary>
    private RemoteEndpoint? Pick(HashSet<RemoteEndpoint> failed)
    {
        var now = Stopwatch.GetTimestamp();
        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)Endpoints.Count);
        RemoteEndpoint? best = null, bestDown = null;
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var endpoint = Endpoints[(start + i) % Endpoints.Count];
            if (!endpoint.IsAvailable) continue;
            bool tried;
            lock (failed) tried = failed.Contains(endpoint);
            if (endpoint.IsMarkedDown(now) || tried)
            {
                if (bestDown is null || endpoint.Outstanding < bestDown.Outstanding) bestDown = endpoint;
                continue;
            }
            if (best is null || endpoint.Outstanding < best.Outstanding) best = endpoint;
        }
        return best ?? bestDown;
    }

    private RemoteEndpoint CreateEndpoint(Uri uri, int index)
    {
        var state = new CircuitBreakerStateProvider();
        RemoteEndpoint? endpoint = null;
        var breaker = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            OnOpened = args =>
            {
                endpoint!.CircuitOpened(args.BreakDuration);
                return default;
            },
            ShouldHandle = new PredicateBuilder().Handle<TransientRemoteException>(),
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = Options.Retry.BreakDuration,
            StateProvider = state,
        }).Build();
        return endpoint = new RemoteEndpoint(uri, index, breaker, state);
    }

    private static string Unprefixed(string message, RemoteEndpoint endpoint) =>
        message.StartsWith(endpoint.Display + ": ", StringComparison.Ordinal) ? message[(endpoint.Display.Length + 2)..] : message;

    private sealed class NoHealthyEndpointException(string message) : Exception(message);
}
