using System.Security.Cryptography;
using System.Text;

namespace RMBench.Core.IO;

/// <summary>Lower-case hex SHA-256, the one digest format used in run files, caches and provenance.</summary>
public static class Sha256
{
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    public static async Task<string> HexAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));

    public static async Task<string> FileHexAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await HexAsync(stream, cancellationToken);
    }
}
