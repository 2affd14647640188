using System.Runtime.CompilerServices;
using System.Text.Json;
using RMBench.Core.Data;

namespace RMBench.Core.Import;

/// <summary>Record sources and image files shared by the importers of Hugging Face-hosted benchmarks.</summary>
internal static class ImportRecords
{
    /// <summary>The records of a .json array or a JSONL file (any other extension), each with its location.</summary>
    public static async IAsyncEnumerable<(JsonElement Record, RecordRef At)> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ImportJson.RequireFile(path);
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            using var document = await ImportJson.ReadArrayAsync(path, cancellationToken);
            foreach (var item in ImportJson.Records(document, path)) yield return item;
        }
        else
        {
            await foreach (var item in ImportJson.ReadLinesAsync(path, cancellationToken, arraysAsJson: true)) yield return item;
        }
    }

    /// <summary>
    /// The bytes of the image at <paramref name="relativePath"/> below <paramref name="baseDirectory"/>, or null with the
    /// reason it cannot be used (missing file, a path leaving the folder, not a complete PNG/JPEG): such a record is
    /// skipped and reported, since users often download only part of a benchmark's images.
    /// </summary>
    public static byte[]? ReadImage(string baseDirectory, string relativePath, out string? reason)
    {
        var root = Path.GetFullPath(baseDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        reason = null;
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            reason = $"image path '{relativePath}' leaves the folder {root}";
        else if (!File.Exists(full))
            reason = $"image file not found: {full}";
        if (reason is not null) return null;
        var bytes = File.ReadAllBytes(full);
        if (ImageCheck.FindProblem(bytes) is { } problem)
        {
            reason = $"image {full}: {problem}";
            return null;
        }
        return bytes;
    }
}
