using System.Text;

namespace RMBench.Core.IO;

/// <summary>
/// Append-only JSON-lines files that survive a crash (the run journal, the score cache, the judgment journal):
/// each line is written whole and flushed to disk before the caller moves on, and a line cut short by a crash
/// (SIGKILL mid-write) is cut off when the file is opened again, so the next append starts clean.
/// </summary>
public static class JsonLinesFile
{
    public static void AppendLine(FileStream stream, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Cuts an unterminated last line (a write interrupted by a crash).</summary>
    public static void TrimTornTail(FileStream stream)
    {
        if (stream.Length == 0) return;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n') return;
        var position = stream.Length - 1;
        while (position > 0)
        {
            stream.Seek(position - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n') break;
            position--;
        }
        stream.SetLength(position);
    }
}
