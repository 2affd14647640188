using System.Net;
using System.Net.Http.Headers;

namespace RMBench.Remote.KServe;

/// <summary>
/// KServe v2 over HTTP/REST: health and metadata are GETs, inference a POST with JSON tensors or the binary
/// tensor data extension (inputs in the binary section, outputs asked for as binary).
/// </summary>
public sealed class RestTransport : IKServeTransport
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _binary;

    /// <param name="baseUri">http(s)://host:port[/prefix]; the /v2 paths are appended.</param>
    /// <param name="binary">Binary tensor data extension (true) or JSON tensors.</param>
    public RestTransport(Uri baseUri, bool binary, TimeSpan timeout, IReadOnlyList<KeyValuePair<string, string>>? headers = null, HttpMessageHandler? handler = null)
    {
        _binary = binary;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"),
            Timeout = timeout,
        };
        foreach (var (name, value) in headers ?? []) _http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        Endpoint = $"{baseUri.Scheme}://{baseUri.Authority}{baseUri.AbsolutePath.TrimEnd('/')}";
    }

    public string Endpoint { get; }

    public async Task<bool> ServerLiveAsync(CancellationToken cancellationToken) => await HealthAsync("v2/health/live", cancellationToken);
    public async Task<bool> ServerReadyAsync(CancellationToken cancellationToken) => await HealthAsync("v2/health/ready", cancellationToken);

    public async Task<bool> ModelReadyAsync(string model, string? version, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(ModelPath(model, version) + "/ready", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) throw await ErrorAsync(response, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<ModelMetadata> ModelMetadataAsync(string model, string? version, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(ModelPath(model, version), cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, cancellationToken);
        return ModelMetadata.FromJson(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task<InferenceResponseMessage> InferAsync(string model, string? version, InferenceRequestMessage request, CancellationToken cancellationToken)
    {
        if (_binary) request = request with { Outputs = [.. request.Outputs.Select(o => o with { Binary = true })] };
        var body = RestCodec.WriteRequest(request, _binary);
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = body.HeaderLength is null ? Json : OctetStream;
        if (body.HeaderLength is { } length) content.Headers.TryAddWithoutValidation(RestCodec.HeaderLengthHeader, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var message = new HttpRequestMessage(HttpMethod.Post, ModelPath(model, version) + "/infer") { Content = content };
        using var response = await _http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headerLength = HeaderLength(response);
        try { return RestCodec.ReadResponse(bytes, headerLength); }
        catch (TensorFormatException e) { throw new InvalidDataException($"{Endpoint}: malformed inference response: {e.Message}"); }
    }

    private static int? HeaderLength(HttpResponseMessage response)
    {
        IEnumerable<string>? values = null;
        if (!response.Headers.TryGetValues(RestCodec.HeaderLengthHeader, out values)) response.Content.Headers.TryGetValues(RestCodec.HeaderLengthHeader, out values);
        var text = values?.FirstOrDefault();
        return text is null ? null
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new InvalidDataException($"{RestCodec.HeaderLengthHeader} '{text}' is not a byte count");
    }

    private async Task<bool> HealthAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private static string ModelPath(string model, string? version) =>
        $"v2/models/{Uri.EscapeDataString(model)}" + (version is null ? "" : $"/versions/{Uri.EscapeDataString(version)}");

    /// <summary>
    /// The protocol's error body is {"error": "message"}; the message is read as the remote backends read error
    /// bodies (<see cref="Http.EndpointPool.ServerMessage"/>), the reason phrase when the body is empty.
    /// </summary>
    private async Task<KServeCallException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = text.Trim().Length == 0 ? response.ReasonPhrase ?? "" : Http.EndpointPool.ServerMessage(text);
        var code = (int)response.StatusCode;
        var failure = code switch
        {
            404 => KServeFailure.NotFound,
            401 or 403 => KServeFailure.Unauthorized,
            429 or >= 500 => KServeFailure.Transient,
            _ => KServeFailure.BadRequest,
        };
        return new KServeCallException(Endpoint, failure, $"HTTP {code}", message, Http.EndpointPool.RetryAfter(response));
    }

    public void Dispose() => _http.Dispose();
}
