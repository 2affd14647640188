using RMBench.Core.Errors;
using RMBench.Core.IO;
using RMBench.Core.Models;

namespace RMBench.Remote.Http;

/// <summary>
/// What run.json records about a remote model, and whether its scores may be cached. A server can swap the checkpoint
/// behind a model name, so the score cache is used only when a digest is known: pinned with --digest or reported by
/// the server (the two must agree). The journal (resume) works either way. Endpoints are recorded without credentials;
/// headers never are.
/// </summary>
/// <param name="Backend">"vllm", "tei", "kserve".</param>
/// <param name="Model">Model name as in the SPEC (or as the server reports when the SPEC has none).</param>
public sealed record RemoteIdentity(string Backend, string Model, EndpointPool Pool)
{
    public string? ServerModel { get; init; }
    public string? ServerVersion { get; init; }
    /// <summary>Content digest the server exposes (checkpoint sha, Triton model version hash...), if any.</summary>
    public string? ServerDigest { get; init; }

    /// <summary>The digest in force: pinned and server-reported must agree (exit 3 otherwise).</summary>
    public string? KnownDigest
    {
        get
        {
            var pinned = Pool.Options.Digest;
            if (pinned is not null && ServerDigest is not null && !DigestsMatch(pinned, ServerDigest))
                throw new InputException("--digest", $"{Backend} model '{Model}' at {Pool.Endpoints[0].Display} reports digest {ServerDigest}, not the pinned {pinned}");
            return pinned ?? ServerDigest;
        }
    }

    /// <summary>
    /// The ModelInfo: Deterministic (scoring is a pure function of the checkpoint), Cacheable only with a known digest,
    /// Settings = endpoints, server-reported identity and <paramref name="settings"/> (the backend's own, e.g. template mode).
    /// </summary>
    public ModelInfo ToModelInfo(string id, IReadOnlyDictionary<string, string>? settings = null)
    {
        var digest = KnownDigest;
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["endpoints"] = Pool.Describe(),
            ["model"] = Model,
        };
        if (ServerModel is not null) all["server_model"] = ServerModel;
        if (ServerVersion is not null) all["server_version"] = ServerVersion;
        if (ServerDigest is not null) all["server_digest"] = ServerDigest;
        if (Pool.Options.Digest is not null) all["pinned_digest"] = Pool.Options.Digest;
        if (settings is not null)
            foreach (var (key, value) in settings) all[key] = value;
        return new ModelInfo
        {
            Id = id,
            Backend = Backend,
            // Without a digest the identity is only the name and place: good enough for the journal, not for the cache.
            Digest = digest ?? "unverified:" + Sha256.Hex(System.Text.Encoding.UTF8.GetBytes($"{Backend}\n{Model}\n{Pool.Describe()}"))[..16],
            Settings = all,
            Deterministic = true,
            Cacheable = digest is not null,
        };
    }

    /// <summary>"sha256:abc" matches "abc"; case-insensitive.</summary>
    public static bool DigestsMatch(string a, string b) =>
        Strip(a).Equals(Strip(b), StringComparison.OrdinalIgnoreCase);

    private static string Strip(string digest) => digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? digest[7..] : digest;
}
