using System.Collections.Concurrent;
using System.Text.Json;
using Parquet.Serialization;
using RMBench.Core.Models;
using RMBench.Core.Results;

namespace RMBench.Core.Running;

/// <summary>
/// The run folder's judgments journal (judgments.jsonl): one JSON line per finished judgment, flushed to
/// disk as soon as it is made, so a run killed mid-batch does not pay again for the judgments it already
/// has. A line torn by a crash is ignored and cut. At the end of a run the judgments are written to
/// judgments.parquet for audit. Holds every judgment in memory (judged suites are benchmark-sized).
/// </summary>
public sealed class JudgmentLog : IJudgmentJournal, IDisposable
{
    public const string FileName = "judgments.jsonl";
    public const string ParquetFile = "judgments.parquet";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly ConcurrentDictionary<string, JudgmentRecord> _records;
    private readonly FileStream _stream;
    private readonly Lock _write = new();

    private JudgmentLog(FileStream stream, ConcurrentDictionary<string, JudgmentRecord> records) => (_stream, _records) = (stream, records);

    /// <summary>Judgments held (loaded from an interrupted attempt, plus those appended).</summary>
    public int Count => _records.Count;

    public static JudgmentLog Open(string path)
    {
        var records = new ConcurrentDictionary<string, JudgmentRecord>(StringComparer.Ordinal);
        if (File.Exists(path))
            foreach (var line in File.ReadLines(path))
                if (TryParse(line) is { } record) records[record.Key] = record;
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        IO.JsonLinesFile.TrimTornTail(stream);
        stream.Seek(0, SeekOrigin.End);
        return new JudgmentLog(stream, records);
    }

    public bool TryGet(string key, out JudgmentRecord record) => _records.TryGetValue(key, out record!);

    public void Append(JudgmentRecord record)
    {
        var line = JsonSerializer.Serialize(record, Json);
        lock (_write)
        {
            IO.JsonLinesFile.AppendLine(_stream, line);
            _records[record.Key] = record;
        }
    }

    /// <summary>Tokens, calls, judgments and unparsed verdicts per suite (a judgment counts for the first suite that asked it).</summary>
    public IReadOnlyDictionary<string, JudgeUsage> UsageBySuite((double Prompt, double Completion)? pricePerMillion) =>
        _records.Values.GroupBy(r => r.Suite, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            long prompt = g.Sum(r => (long)r.PromptTokens), completion = g.Sum(r => (long)r.CompletionTokens);
            return new JudgeUsage
            {
                Judgments = g.Count(),
                Requests = g.Sum(r => r.Requests),
                Unparsed = g.Count(r => r.Verdict is null),
                LogprobFallbacks = g.Count(r => r.LogprobFallback),
                PromptTokens = prompt,
                CompletionTokens = completion,
                EstimatedCost = pricePerMillion is { } p ? (prompt * p.Prompt + completion * p.Completion) / 1e6 : null,
            };
        }, StringComparer.Ordinal);

    /// <summary>Every judgment, by suite, item and role, as judgments.parquet (written to a temp file, then renamed).</summary>
    public async Task WriteParquetAsync(string path, CancellationToken cancellationToken)
    {
        var rows = _records.Values
            .OrderBy(r => r.Suite, StringComparer.Ordinal).ThenBy(r => r.ItemId, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal)
            .Select(JudgmentRow.Of).ToList();
        await using var file = new IO.PendingFile(path);
        await ParquetSerializer.SerializeAsync(rows, file.Stream, cancellationToken: cancellationToken);
        await file.CommitAsync(cancellationToken);
    }

    public void Dispose() => _stream.Dispose();

    private static JudgmentRecord? TryParse(string line)
    {
        try { return JsonSerializer.Deserialize<JudgmentRecord>(line, Json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>A row of judgments.parquet (snake_case column names).</summary>
public sealed class JudgmentRow
{
    [System.Text.Json.Serialization.JsonPropertyName("suite")] public string Suite { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("id")] public string Id { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("role")] public string Role { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("order")] public string Order { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("request_hash")] public string RequestHash { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("prompt_hash")] public string PromptHash { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("raw_text")] public string RawText { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("verdict")] public string? Verdict { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("score")] public float Score { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("prompt_tokens")] public int PromptTokens { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("completion_tokens")] public int CompletionTokens { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("requests")] public int Requests { get; set; }

    public static JudgmentRow Of(JudgmentRecord r) => new()
    {
        Suite = r.Suite, Id = r.ItemId, Role = r.Role, Order = r.Order, RequestHash = r.Key, PromptHash = r.PromptHash,
        RawText = r.RawText, Verdict = r.Verdict, Score = r.Score, PromptTokens = r.PromptTokens,
        CompletionTokens = r.CompletionTokens, Requests = r.Requests,
    };
}
