using RMBench.Core.Errors;

namespace RMBench.Cli.Commands;

/// <summary>Checks an output folder option (--out) before any work, so that a run does not end in "Could not find file".</summary>
public static class OutputFolder
{
    /// <summary>
    /// Returns <paramref name="path"/> when it is, or can become, a folder this process may write: an existing
    /// folder, or a new one below the nearest existing folder. Probes by creating and deleting a file there
    /// (permissions alone do not tell: /proc, read-only mounts). Creates nothing that stays.
    /// </summary>
    public static string RequireWritable(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new InputException(option, $"'{path}' is a file; give a folder to write into");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            if (File.Exists(parent)) throw new InputException(option, $"'{path}' cannot be created: '{parent}' is a file, not a folder");
            existing = parent;
        }
        var probe = Path.Combine(existing, $".rmbench-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var where = existing == full ? $"'{path}'" : $"'{path}': '{existing}' takes no new files";
            var why = e is UnauthorizedAccessException ? "permission denied" : "read-only or not a regular file system";
            throw new InputException(option, $"cannot write to {where} ({why}); give a folder you can write to");
        }
        return path;
    }
}
