using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using RMBench.Remote.Http;

namespace RMBench.Remote.KServe;

/// <summary>
/// KServe v2 over HTTP/REST through the pool's HttpClient (headers, pooled connections, status classification:
/// 408/429/5xx transient with Retry-After, other 4xx rejected with the server's message): health and metadata are
/// GETs, inference a POST with JSON tensors or the binary tensor data extension (inputs in the binary section,
/// outputs asked for as binary).
/// </summary>
public sealed class RestTransport(EndpointPool pool, bool binary) : IKServeTransport
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string Name => binary ? "rest-binary" : "rest-json";

    public Task<bool> ServerLiveAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken) => HealthAsync(endpoint, "v2/health/live", false, cancellationToken);
    public Task<bool> ServerReadyAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken) => HealthAsync(endpoint, "v2/health/ready", false, cancellationToken);

    public Task<bool> ModelReadyAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken) =>
        HealthAsync(endpoint, ModelPath(model, version) + "/ready", true, cancellationToken);

    public async Task<ModelMetadata> ModelMetadataAsync(RemoteEndpoint endpoint, string model, string? version, CancellationToken cancellationToken)
    {
        using var request = pool.CreateRequest(HttpMethod.Get, endpoint, ModelPath(model, version));
        using var response = await pool.SendAsync(request, endpoint, cancellationToken);
        return ModelMetadata.FromJson(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task<InferenceResponseMessage> InferAsync(RemoteEndpoint endpoint, string model, string? version, InferenceRequestMessage message, CancellationToken cancellationToken)
    {
        if (binary) message = message with { Outputs = [.. message.Outputs.Select(o => o with { Binary = true })] };
        var body = RestCodec.WriteRequest(message, binary);
        using var request = pool.CreateRequest(HttpMethod.Post, endpoint, ModelPath(model, version) + "/infer");
        request.Content = new ByteArrayContent(body.Bytes);
        request.Content.Headers.ContentType = body.HeaderLength is null ? Json : OctetStream;
        if (body.HeaderLength is { } length) request.Content.Headers.TryAddWithoutValidation(RestCodec.HeaderLengthHeader, length.ToString(CultureInfo.InvariantCulture));
        using var response = await pool.SendAsync(request, endpoint, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try { return RestCodec.ReadResponse(bytes, HeaderLength(response)); }
        catch (TensorFormatException e) { throw new TransientRemoteException(endpoint, $"malformed inference response: {e.Message}", inner: e); }
    }

    private static int? HeaderLength(HttpResponseMessage response)
    {
        IEnumerable<string>? values = null;
        if (!response.Headers.TryGetValues(RestCodec.HeaderLengthHeader, out values)) response.Content.Headers.TryGetValues(RestCodec.HeaderLengthHeader, out values);
        var text = values?.FirstOrDefault();
        return text is null ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new TensorFormatException($"{RestCodec.HeaderLengthHeader} '{text}' is not a byte count");
    }

    /// <summary>
    /// 2xx is ready. Auth failures, and 404 on a model's readiness (unknown model), are rejections the caller reports;
    /// another 4xx means "not ready" (Triton answers a model still loading with 400); 5xx and connection errors are transient.
    /// </summary>
    private async Task<bool> HealthAsync(RemoteEndpoint endpoint, string path, bool notFoundIsRejection, CancellationToken cancellationToken)
    {
        using var request = pool.CreateRequest(HttpMethod.Get, endpoint, path);
        try
        {
            using var response = await pool.SendAsync(request, endpoint, cancellationToken);
            return true;
        }
        catch (RemoteRejectedException e) when (e.HttpStatus is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            && (e.HttpStatus != HttpStatusCode.NotFound || !notFoundIsRejection))
        {
            return false;
        }
    }

    private static string ModelPath(string model, string? version) =>
        $"v2/models/{Uri.EscapeDataString(model)}" + (version is null ? "" : $"/versions/{Uri.EscapeDataString(version)}");

    public void Dispose()
    {
    }
}
