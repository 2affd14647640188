using RMBench.Core.Errors;

namespace RMBench.Remote.KServe;

/// <summary>`kserve:URL#MODEL[@VERSION]`: http(s):// speaks REST v2, grpc:// (grpcs:// for TLS) speaks gRPC.</summary>
public sealed record KServeSpec(Uri Url, string Model, string? Version)
{
    public const string Usage = "kserve:URL#MODEL[@VERSION]";
    public bool IsGrpc => IsGrpcScheme(Url.Scheme);

    public static bool IsGrpcScheme(string scheme) => scheme is "grpc" or "grpcs";

    public static KServeSpec Parse(string argument)
    {
        var hash = argument.LastIndexOf('#');
        if (hash < 0 || hash == argument.Length - 1)
            throw new InputException("--model", $"kserve needs the model name after '#': {Usage} (e.g. kserve:http://127.0.0.1:8000#my_rm)");
        var (url, model) = (argument[..hash], argument[(hash + 1)..]);
        string? version = null;
        var at = model.LastIndexOf('@');
        if (at >= 0)
        {
            version = model[(at + 1)..];
            model = model[..at];
            if (version.Length == 0 || model.Length == 0) throw new InputException("--model", $"'{argument}': expected MODEL@VERSION after '#'");
        }
        return new KServeSpec(ParseUrl(url, "--model"), model, version);
    }

    public static Uri ParseUrl(string url, string source)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "grpc" or "grpcs") || uri.Host.Length == 0)
            throw new InputException(source, $"'{Redact(url)}' is not an http://, https://, grpc:// or grpcs:// URL with a host");
        if (uri.UserInfo.Length > 0) throw new InputException(source, $"'{Redact(url)}': put credentials in --header or --api-key-env, not in the URL");
        return uri;
    }

    /// <summary>A URL for messages: user info is never echoed.</summary>
    private static string Redact(string url)
    {
        var at = url.IndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
