using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RMBench.Remote.Http;

/// <summary>HTTP on top of the pool: headers applied, status codes classified, JSON read with malformed bodies as transient faults.</summary>
public sealed partial class EndpointPool
{
    private static readonly JsonSerializerOptions DefaultJson = new(JsonSerializerDefaults.Web);

    /// <summary>A request to <paramref name="path"/> under the endpoint's base URL with the pool's headers (and Basic auth from URL userinfo).</summary>
    public HttpRequestMessage CreateRequest(HttpMethod method, RemoteEndpoint endpoint, string path)
    {
        var request = new HttpRequestMessage(method, endpoint.Resolve(path)) { Version = HttpVersion.Version11 };
        ApplyHeaders(request, endpoint);
        return request;
    }

    public void ApplyHeaders(HttpRequestMessage request, RemoteEndpoint endpoint)
    {
        var userInfo = endpoint.BaseUri.UserInfo;
        if (userInfo.Length > 0 && !Options.Headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        foreach (var (name, value) in Options.Headers)
        {
            request.Headers.Remove(name);
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// Sends and returns a 2xx response (the caller disposes it); 408, 429 and 5xx are <see cref="TransientRemoteException"/>
    /// (with Retry-After), other statuses <see cref="RemoteRejectedException"/> with the server's message.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, RemoteEndpoint endpoint, CancellationToken cancellationToken)
    {
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var message = Redact(ServerMessage(await ReadTextAsync(response, cancellationToken)));
            var status = $"HTTP {(int)response.StatusCode}";
            var code = (int)response.StatusCode;
            if (code is 408 or 429 or >= 500)
                throw new TransientRemoteException(endpoint, $"{status}: {message}", RetryAfter(response));
            throw new RemoteRejectedException(endpoint, status, message) { HttpStatus = response.StatusCode };
        }
    }

    /// <summary>POST JSON, read JSON: a body that does not parse into <typeparamref name="TResponse"/> is transient (retried).</summary>
    public async Task<TResponse> PostJsonAsync<TRequest, TResponse>(RemoteEndpoint endpoint, string path, TRequest body, CancellationToken cancellationToken,
        JsonSerializerOptions? json = null)
    {
        using var request = CreateRequest(HttpMethod.Post, endpoint, path);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, json ?? DefaultJson));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(request, endpoint, cancellationToken);
        return await ReadJsonAsync<TResponse>(response, endpoint, json, cancellationToken);
    }

    public async Task<TResponse> GetJsonAsync<TResponse>(RemoteEndpoint endpoint, string path, CancellationToken cancellationToken, JsonSerializerOptions? json = null)
    {
        using var request = CreateRequest(HttpMethod.Get, endpoint, path);
        using var response = await SendAsync(request, endpoint, cancellationToken);
        return await ReadJsonAsync<TResponse>(response, endpoint, json, cancellationToken);
    }

    public static async Task<TResponse> ReadJsonAsync<TResponse>(HttpResponseMessage response, RemoteEndpoint endpoint, JsonSerializerOptions? json, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<TResponse>(bytes, json ?? DefaultJson)
                ?? throw new TransientRemoteException(endpoint, $"malformed response from {response.RequestMessage?.RequestUri?.AbsolutePath}: JSON null");
        }
        catch (JsonException e)
        {
            throw new TransientRemoteException(endpoint, $"malformed JSON response from {response.RequestMessage?.RequestUri?.AbsolutePath}: {e.Message}", inner: e);
        }
    }

    /// <summary>Redacts header values from a message (server bodies may echo them).</summary>
    public string Redact(string text) => Options.Redact(text);

    /// <summary>The message of an error body: JSON "message", "error" (string or {message}), "detail" (string or [{msg}]), else the text, shortened.</summary>
    public static string ServerMessage(string body)
    {
        var text = body.Trim();
        if (text.Length == 0) return "(empty body)";
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (Find(doc.RootElement) is { Length: > 0 } found) return Shorten(found);
        }
        catch (JsonException)
        {
        }
        return Shorten(text);

        static string? Find(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.String) return e.GetString();
            if (e.ValueKind == JsonValueKind.Array) return e.GetArrayLength() > 0 ? Find(e[0]) : null;
            if (e.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in new[] { "message", "error", "detail", "msg" })
                if (e.TryGetProperty(name, out var inner) && Find(inner) is { } found) return found;
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "...";

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try { return await response.Content.ReadAsStringAsync(cancellationToken); }
        catch (Exception e) when (e is HttpRequestException or IOException) { return ""; }
    }

    /// <summary>The server's Retry-After as a delay (a date in the past is no wait).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
            return null;
        if (header.Delta is { } delta) return delta;
        if (header.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
