using System.Text;
using RMBench.Core.Errors;
using RMBench.Core.IO;

namespace RMBench.Reports.Export;

/// <summary>
/// Writes a report or export file given by `--out`: its folder created, the file written atomically
/// (<see cref="AtomicFile"/>: a reader never sees half a CSV), and a path that cannot be written is invalid
/// input naming the path (exit 3), not a runtime error with a stack trace.
/// </summary>
public static class OutputFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            if (Directory.Exists(path)) throw new InputException("--out", $"'{path}' is a folder; give a file name");
            await AtomicFile.WriteAsync(path, write, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException("--out", $"cannot write '{path}': {e.Message}");
        }
    }

    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async stream => await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken), cancellationToken);
}
