using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RMBench.Core.Requests;

/// <summary>One turn of a conversation. Role is "user" or "assistant".</summary>
public sealed record Turn(string Role, string Content);

/// <summary>
/// What a reward model scores: a conversation (optional system prompt, turns ending with the user prompt)
/// and the response being scored (the final assistant turn). Pointwise by design: pairs, best-of-n and
/// style matrices are conventions of suite kinds, not model APIs.
/// </summary>
public sealed class ScoringRequest
{
    public ScoringRequest(string? system, IReadOnlyList<Turn> turns, string response,
        IReadOnlyList<byte[]>? images = null, string? reference = null)
    {
        System = system;
        Turns = turns;
        Response = response;
        Images = images ?? [];
        Reference = reference;
        Hash = ComputeHash();
    }

    public string? System { get; }
    /// <summary>Turns before the response; the last one is the user prompt.</summary>
    public IReadOnlyList<Turn> Turns { get; }
    public string Response { get; }
    public IReadOnlyList<byte[]> Images { get; }
    public string? Reference { get; }

    /// <summary>
    /// Content hash (hex SHA-256): two requests with identical conversation, response, images and
    /// reference share it and are scored once. Also the score cache key together with the model identity.
    /// </summary>
    public string Hash { get; }

    /// <summary>The final user prompt, or "" when the conversation has no user turn.</summary>
    public string Prompt => Turns.Count > 0 ? Turns[^1].Content : "";

    private string ComputeHash()
    {
        // Length-prefixed fields so that no two different requests serialise to the same bytes. Each field is
        // encoded into one reused buffer: hashing a million requests should not allocate their text again.
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            void Field(string tag, string? value)
            {
                var length = value is null ? 0 : Encoding.UTF8.GetByteCount(value);
                Span<byte> prefix = stackalloc byte[48];
                global::System.Text.Unicode.Utf8.TryWrite(prefix, CultureInfo.InvariantCulture, $"{tag}:{(value is null ? -1 : length)}:", out var written);
                hasher.AppendData(prefix[..written]);
                if (value is null) return;
                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }
                hasher.AppendData(buffer, 0, Encoding.UTF8.GetBytes(value, buffer));
            }
            Field("system", System);
            foreach (var turn in Turns)
            {
                Field("role", turn.Role);
                Field("content", turn.Content);
            }
            Field("response", Response);
            foreach (var image in Images)
                Field("image", IO.Sha256.Hex(image));
            Field("reference", Reference);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Span<byte> digest = stackalloc byte[32];
        hasher.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}

/// <summary>Where a request came from: the item and the role it plays there (e.g. "chosen", "rejected:2").</summary>
public sealed record RequestOrigin(string Suite, string ItemId, string Role);
