using System.Text;
using Polly;
using Polly.CircuitBreaker;

namespace RMBench.Remote.Http;

/// <summary>
/// One replica: its base URL (with any userinfo, used only to connect) and the credential-free
/// <see cref="Display"/> form used in messages and run.json. Tracks requests in flight for least-outstanding routing
/// and owns its circuit breaker.
/// </summary>
public sealed class RemoteEndpoint
{
    private int _outstanding;

    internal RemoteEndpoint(Uri baseUri, int index, ResiliencePipeline breaker, CircuitBreakerStateProvider state)
    {
        BaseUri = baseUri;
        Index = index;
        Display = Describe(baseUri);
        Breaker = breaker;
        State = state;
    }

    /// <summary>The URL as given, with a trailing slash removed from the path.</summary>
    public Uri BaseUri { get; }
    /// <summary>Position in the pool (0 = the SPEC's URL).</summary>
    public int Index { get; }
    /// <summary>scheme://host:port/path: no userinfo, no query, no fragment.</summary>
    public string Display { get; }
    public int Outstanding => Volatile.Read(ref _outstanding);
    /// <summary>
    /// Whether the circuit lets a call through: closed, probing, or open with its break over. Polly moves an open
    /// circuit to half-open only when a call is made through it, so routing that skipped every open circuit would
    /// never probe one again (with every circuit open, the run would spend its retries and end partial).
    /// </summary>
    public bool IsAvailable => State.CircuitState switch
    {
        CircuitState.Closed or CircuitState.HalfOpen => true,
        CircuitState.Open => System.Diagnostics.Stopwatch.GetTimestamp() >= Volatile.Read(ref _breakEndsAt),
        _ => false,
    };

    internal ResiliencePipeline Breaker { get; }
    internal CircuitBreakerStateProvider State { get; }

    /// <summary>BaseUri + "/" + path (path without a leading slash is fine), keeping the base path (e.g. /v1).</summary>
    public Uri Resolve(string path)
    {
        var builder = new UriBuilder(BaseUri) { Query = "", Fragment = "" };
        builder.Path = builder.Path.TrimEnd('/') + "/" + path.TrimStart('/');
        return builder.Uri;
    }

    private long _downUntil, _breakEndsAt;

    /// <summary>The circuit opened for <paramref name="breakDuration"/> (the breaker's OnOpened).</summary>
    internal void CircuitOpened(TimeSpan breakDuration) => Volatile.Write(ref _breakEndsAt, After(breakDuration));

    private static long After(TimeSpan duration) =>
        System.Diagnostics.Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Keeps the endpoint out of routing (while others are up) for <paramref name="duration"/>: it failed its pre-flight check.</summary>
    internal void MarkDown(TimeSpan duration) => Volatile.Write(ref _downUntil, After(duration));

    internal bool IsMarkedDown(long now) => now < Volatile.Read(ref _downUntil);

    internal void Enter() => Interlocked.Increment(ref _outstanding);
    internal void Leave() => Interlocked.Decrement(ref _outstanding);

    public override string ToString() => Display;

    /// <summary>The URL without credentials: userinfo, query and fragment dropped (they may hold tokens).</summary>
    public static string Describe(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return "(relative URL)";
        var text = new StringBuilder().Append(uri.Scheme).Append("://").Append(uri.Host.Contains(':') && !uri.Host.StartsWith('[') ? $"[{uri.Host}]" : uri.Host);
        if (!uri.IsDefaultPort) text.Append(':').Append(uri.Port);
        return text.Append(uri.AbsolutePath.TrimEnd('/')).ToString();
    }

    /// <summary>Best-effort credential-free form of text that may not even be a URL.</summary>
    public static string Describe(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)) return Describe(uri);
        var at = text.LastIndexOf('@');
        var cut = at >= 0 ? text[(at + 1)..] : text;
        var query = cut.IndexOfAny(['?', '#']);
        return query >= 0 ? cut[..query] : cut;
    }
}
