using System.Globalization;
using System.Text.RegularExpressions;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Remote.Http;

/// <summary>How a remote backend renders conversations: the server applies the model's chat template, or RMBench does with `--tokenizer DIR`.</summary>
public enum RemoteTemplate
{
    Server,
    Client,
}

/// <summary>
/// The remote CLI options, read from <see cref="ModelOptions.Extra"/> under their option names (see <see cref="Keys"/>)
/// and validated at once: every problem is one <see cref="InputProblem"/>, thrown together (exit 3) before any request.
/// Repeatable options travel joined by '\n'. Header values and the API key are secrets: they are never part of
/// <see cref="ToString"/>, error messages, run.json or logs (<see cref="Redact"/> scrubs them from server messages).
/// </summary>
public sealed partial record RemoteOptions
{
    /// <summary>Keys of <see cref="ModelOptions.Extra"/> (CLI option names without dashes).</summary>
    public static class Keys
    {
        public const string Endpoint = "endpoint";
        public const string Timeout = "timeout";
        public const string Header = "header";
        public const string ApiKeyEnv = "api-key-env";
        public const string Digest = "digest";
        public const string Tokenizer = "tokenizer";
        public const string RemoteTemplate = "remote-template";
        /// <summary>Retry tuning, for tests and slow networks (also RMBENCH_RETRY_ATTEMPTS, RMBENCH_RETRY_DELAY_MS, RMBENCH_RETRY_MAX_DELAY_MS, RMBENCH_BREAK_MS).</summary>
        public const string RetryAttempts = "retry-attempts";
        public const string RetryDelayMs = "retry-delay-ms";
        public const string RetryMaxDelayMs = "retry-max-delay-ms";
        public const string BreakMs = "break-ms";

        /// <summary>The keys a user sets on the command line (the CLI forwards these).</summary>
        public static readonly IReadOnlyList<string> User = [Endpoint, Timeout, Header, ApiKeyEnv, Digest, Tokenizer, RemoteTemplate];
    }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Replicas from `--endpoint`, in order (the SPEC's URL comes first; the backend adds it).</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    /// <summary>Headers sent with every request: `--header` ones, then Authorization from `--api-key-env`.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>`--digest`: the checkpoint digest the user pins; a server reporting another is exit 3.</summary>
    public string? Digest { get; init; }
    /// <summary>`--tokenizer DIR`, absolute.</summary>
    public string? TokenizerDirectory { get; init; }
    public RemoteTemplate Template { get; init; } = RemoteTemplate.Server;
    public RetrySettings Retry { get; init; } = RetrySettings.Default;

    /// <summary>Parses and validates the remote options of <paramref name="options"/>; throws one InputException with every problem.</summary>
    /// <param name="schemes">URL schemes the backend speaks (e.g. http, https; grpc for kserve).</param>
    public static RemoteOptions From(ModelOptions options, IReadOnlyCollection<string>? schemes = null)
    {
        schemes ??= ["http", "https"];
        var extra = options.Extra;
        var problems = new List<InputProblem>();
        var result = new RemoteOptions();
        if (extra.TryGetValue(Keys.Endpoint, out var endpoints))
            result = result with { Endpoints = [.. Lines(endpoints).Select(e => ParseEndpoint(e, "--endpoint", schemes, problems)).OfType<Uri>()] };
        if (extra.TryGetValue(Keys.Timeout, out var timeout))
            result = result with { Timeout = ParseTimeout(timeout, problems) };
        var headers = new List<KeyValuePair<string, string>>();
        if (extra.TryGetValue(Keys.Header, out var headerLines))
            foreach (var line in Lines(headerLines)) ParseHeader(line, headers, problems);
        if (extra.TryGetValue(Keys.ApiKeyEnv, out var keyEnv)) ParseApiKey(keyEnv, headers, problems);
        result = result with { Headers = headers };
        if (extra.TryGetValue(Keys.Digest, out var digest))
        {
            if (DigestPattern().IsMatch(digest)) result = result with { Digest = digest };
            else problems.Add(new("--digest", $"must be a checkpoint digest such as sha256:HEX (letters, digits, ':', '.', '_', '-'), got '{digest}'"));
        }
        if (extra.TryGetValue(Keys.Tokenizer, out var tokenizer))
        {
            var dir = Path.GetFullPath(tokenizer, options.BaseDirectory);
            if (Directory.Exists(dir)) result = result with { TokenizerDirectory = dir };
            else problems.Add(new("--tokenizer", $"tokenizer folder not found: {dir}"));
        }
        if (extra.TryGetValue(Keys.RemoteTemplate, out var template))
        {
            switch (template.ToLowerInvariant())
            {
                case "server": break;
                case "client": result = result with { Template = RemoteTemplate.Client }; break;
                default: problems.Add(new("--remote-template", $"must be server or client (got '{template}')")); break;
            }
        }
        if (result.Template == RemoteTemplate.Client && !extra.ContainsKey(Keys.Tokenizer))
            problems.Add(new("--remote-template", "client rendering needs --tokenizer DIR (the folder with the tokenizer files and its chat template)"));
        result = result with { Retry = RetrySettings.From(extra, problems) };
        if (problems.Count > 0) throw new InputException(problems);
        return result;
    }

    /// <summary>True when any remote option is present (the CLI validates them before loading suites).</summary>
    public static bool AnyGiven(IReadOnlyDictionary<string, string> extra) => Keys.User.Any(extra.ContainsKey);

    /// <summary>An absolute URL with a host and one of <paramref name="schemes"/>, or null with a problem added.</summary>
    public static Uri? ParseEndpoint(string text, string source, IReadOnlyCollection<string> schemes, List<InputProblem> problems)
    {
        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.IsFile)
        {
            problems.Add(new(source, $"'{RemoteEndpoint.Describe(trimmed)}' is not an absolute URL (expected e.g. {schemes.First()}://host:port)"));
            return null;
        }
        if (!schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new(source, $"'{RemoteEndpoint.Describe(uri)}': scheme '{uri.Scheme}' is not supported here (use {string.Join(" or ", schemes.Select(s => s + "://"))})"));
            return null;
        }
        return uri;
    }

    /// <summary>Replaces every header value and key in <paramref name="text"/> (a server's message may echo them).</summary>
    public string Redact(string text)
    {
        foreach (var (_, value) in Headers)
        {
            if (value.Length < 4) continue;
            text = text.Replace(value, "***", StringComparison.Ordinal);
            if (value.StartsWith("Bearer ", StringComparison.Ordinal)) text = text.Replace(value["Bearer ".Length..], "***", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Never prints header values.</summary>
    public override string ToString() =>
        $"endpoints={string.Join(",", Endpoints.Select(RemoteEndpoint.Describe))} timeout={Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s headers=[{string.Join(",", Headers.Select(h => h.Key))}] digest={Digest} template={Template}";

    internal static IEnumerable<string> Lines(string joined) =>
        joined.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TimeSpan ParseTimeout(string text, List<InputProblem> problems)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds) && seconds <= 86400)
            return TimeSpan.FromSeconds(seconds);
        problems.Add(new("--timeout", $"must be a positive number of seconds (got '{text}')"));
        return DefaultTimeout;
    }

    private static void ParseHeader(string line, List<KeyValuePair<string, string>> headers, List<InputProblem> problems)
    {
        var colon = line.IndexOf(':');
        var name = colon > 0 ? line[..colon].Trim() : "";
        if (colon <= 0 || !HeaderName().IsMatch(name) || line[(colon + 1)..].Trim().Length == 0)
        {
            // The value may be a secret: only the name (or that there is none) goes into the message.
            problems.Add(new("--header", colon <= 0 ? "must be \"Name: value\" (no ':' found)" : $"header '{(HeaderName().IsMatch(name) ? name : "?")}' must be \"Name: value\" with a token name and a non-empty value"));
            return;
        }
        headers.Add(new(name, line[(colon + 1)..].Trim()));
    }

    private static void ParseApiKey(string variable, List<KeyValuePair<string, string>> headers, List<InputProblem> problems)
    {
        var key = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            problems.Add(new("--api-key-env", $"environment variable '{variable}' is not set or empty"));
            return;
        }
        headers.RemoveAll(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        headers.Add(new("Authorization", "Bearer " + key.Trim()));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:+\-]{1,200}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderName();
}

/// <summary>
/// The retry budget and circuit breaker of an <see cref="EndpointPool"/>. Defaults: 8 retries from 250 ms doubling
/// (with jitter) up to 8 s, an endpoint's circuit opens for 5 s once half of at least 4 calls in 10 s failed.
/// </summary>
public sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan BreakDuration)
{
    public static readonly RetrySettings Default = new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(5));

    /// <summary>Extra keys win over RMBENCH_* environment variables (CLI processes in tests set those), which win over the defaults.</summary>
    internal static RetrySettings From(IReadOnlyDictionary<string, string> extra, List<InputProblem> problems)
    {
        int Read(string key, string env, int fallback, int min)
        {
            var text = extra.TryGetValue(key, out var v) ? v : Environment.GetEnvironmentVariable(env);
            if (text is null) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
            problems.Add(new(key, $"must be an integer >= {min} (got '{text}')"));
            return fallback;
        }
        return new RetrySettings(
            Read(RemoteOptions.Keys.RetryAttempts, "RMBENCH_RETRY_ATTEMPTS", Default.MaxRetries, 0),
            TimeSpan.FromMilliseconds(Read(RemoteOptions.Keys.RetryDelayMs, "RMBENCH_RETRY_DELAY_MS", (int)Default.BaseDelay.TotalMilliseconds, 1)),
            TimeSpan.FromMilliseconds(Read(RemoteOptions.Keys.RetryMaxDelayMs, "RMBENCH_RETRY_MAX_DELAY_MS", (int)Default.MaxDelay.TotalMilliseconds, 1)),
            // Polly's circuit breaker needs at least 500 ms.
            TimeSpan.FromMilliseconds(Read(RemoteOptions.Keys.BreakMs, "RMBENCH_BREAK_MS", (int)Default.BreakDuration.TotalMilliseconds, 500)));
    }
}
