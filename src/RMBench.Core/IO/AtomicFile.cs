namespace RMBench.Core.IO;

/// <summary>
/// Writes files atomically: into a temporary file in the same folder, flushed to disk, then renamed
/// over the target. A reader never sees a half-written run.json, even if the process is killed.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        await using var file = new PendingFile(path); // deleted on the way out unless committed
        await write(file.Stream);
        await file.CommitAsync(cancellationToken);
    }

    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async stream =>
        {
            var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken);
        }, cancellationToken);
}

/// <summary>
/// A file written over time (row group by row group) that appears at its path only when committed: until
/// then it is a temporary file in the same folder, deleted if the writer is disposed without committing.
/// </summary>
public sealed class PendingFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private bool _committed;

    public PendingFile(string path)
    {
        _path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temp = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    public FileStream Stream { get; }

    /// <summary>Flushes to disk and renames over the target (replacing it).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Stream.FlushAsync(cancellationToken);
        Stream.Flush(flushToDisk: true);
        await Stream.DisposeAsync();
        File.Move(_temp, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        if (!_committed && File.Exists(_temp)) File.Delete(_temp);
    }

    /// <summary>
    /// Deletes the temporary files that writers killed outright (SIGKILL, power loss) left in a folder: those named
    /// by a process that is no longer running. A live process's files (this one's, or another run's) are kept.
    /// Returns how many were deleted.
    /// </summary>
    public static int RemoveStale(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            if (WriterProcess(Path.GetFileName(file)) is not { } pid || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // still in use or read-only: leave it
        }
        return removed;
    }

    /// <summary>The process id in a temporary name ".NAME.PID.GUID.tmp"; null for files not named by this class.</summary>
    private static int? WriterProcess(string name)
    {
        var parts = name.Split('.');
        return parts.Length >= 5 && parts[^2].Length == 32 && int.TryParse(parts[^3], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }
}
