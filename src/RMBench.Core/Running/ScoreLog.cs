using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RMBench.Core.Running;

/// <summary>
/// An append-only JSONL file of scores keyed by request hash, used for the run journal and the score
/// cache. The first line is a header naming what the scores belong to; each later line is one scored
/// batch, written whole and flushed to disk before the runner moves on. A line cut short by a crash
/// (SIGKILL mid-write) is ignored when reading, so a killed run loses at most the batch in flight.
/// Non-finite scores are stored as null and read back as NaN.
/// </summary>
public sealed class ScoreLog : IDisposable
{
    private readonly FileStream _stream;

    private ScoreLog(string path, FileStream stream, int loaded)
    {
        Path = path;
        _stream = stream;
        Loaded = loaded;
    }

    public string Path { get; }

    /// <summary>How many scores the log held when opened (all of them went into the index given to Open).</summary>
    public int Loaded { get; }

    /// <summary>
    /// Opens (creating if needed) a log whose header must equal <paramref name="header"/>, putting every score it
    /// holds into <paramref name="index"/> as <paramref name="origin"/>; a log with another header is started afresh.
    /// Scores are not kept here: the log only appends.
    /// </summary>
    public static ScoreLog Open(string path, string header, ScoreIndex index, ScoreOrigin origin)
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var loaded = File.Exists(path) ? ReadScores(path, header, index, origin) : null;
        var stream = new FileStream(path, loaded is null ? FileMode.Create : FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (loaded is null)
        {
            loaded = 0;
            IO.JsonLinesFile.AppendLine(stream, new JsonObject { ["header"] = header }.ToJsonString());
        }
        else
        {
            IO.JsonLinesFile.TrimTornTail(stream);
        }
        stream.Seek(0, SeekOrigin.End);
        return new ScoreLog(path, stream, loaded.Value);
    }

    /// <summary>The header of an existing log, or null when the file is missing or has no valid header.</summary>
    public static string? ReadHeader(string path)
    {
        if (!File.Exists(path)) return null;
        using var reader = new StreamReader(path, Encoding.UTF8);
        var first = reader.ReadLine();
        return first is null ? null : TryParse(first)?["header"]?.GetValue<string>();
    }

    public void Append(IReadOnlyList<(string Hash, float Score)> batch)
    {
        var scores = new JsonObject();
        foreach (var (hash, score) in batch) scores[hash] = float.IsFinite(score) ? JsonValue.Create(score) : null;
        IO.JsonLinesFile.AppendLine(_stream, new JsonObject { ["scores"] = scores }.ToJsonString());
    }

    /// <summary>Marks the log finished: a journal so marked is never resumed.</summary>
    public void MarkComplete() => IO.JsonLinesFile.AppendLine(_stream, new JsonObject { ["complete"] = true }.ToJsonString());

    /// <summary>Whether an existing log was marked complete.</summary>
    public static bool IsComplete(string path) =>
        File.Exists(path) && File.ReadLines(path).Any(line => TryParse(line)?["complete"]?.GetValue<bool>() == true);

    public void Dispose() => _stream.Dispose();

    private static int? ReadScores(string path, string header, ScoreIndex index, ScoreOrigin origin)
    {
        var count = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        var first = reader.ReadLine();
        if (first is null || TryParse(first)?["header"]?.GetValue<string>() != header) return null;
        while (reader.ReadLine() is { } line)
        {
            if (TryParse(line)?["scores"] is not JsonObject batch) continue; // torn line from a crash
            foreach (var (hash, value) in batch)
            {
                index.Set(hash, value is null ? float.NaN : value.GetValue<float>(), origin);
                count++;
            }
        }
        return count;
    }

    private static JsonNode? TryParse(string line)
    {
        try { return JsonNode.Parse(line); }
        catch (JsonException) { return null; }
    }
}
