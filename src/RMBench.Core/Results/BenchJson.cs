using System.Globalization;
using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.IO;

namespace RMBench.Core.Results;

/// <summary>
/// bench.json: one <see cref="BenchResult"/> (or a JSON array of them, for several scenarios in one file) with
/// the same JSON conventions as run.json (<see cref="RunJson.Options"/>: snake_case, no NaN). Reading gives an
/// <see cref="InputException"/> naming the file for a missing file, invalid JSON, a wrong schema_version, a
/// missing field or a negative or non-finite number.
/// </summary>
public static class BenchJson
{
    public const int SchemaVersion = 1;
    public const string FileName = "bench.json";

    public static string Serialize(BenchResult result) => JsonSerializer.Serialize(result, RunJson.Options) + "\n";

    public static Task WriteAsync(string path, BenchResult result, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, Serialize(result), cancellationToken);

    /// <summary>True when the JSON text looks like a bench record (an object, or array of objects, with a "scenario").</summary>
    public static bool LooksLikeBench(JsonElement root) =>
        root.ValueKind switch
        {
            JsonValueKind.Object => root.TryGetProperty("scenario", out _),
            JsonValueKind.Array => root.GetArrayLength() > 0 && root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("scenario", out _)),
            _ => false,
        };

    public static IReadOnlyList<BenchResult> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot be read: {e.Message}");
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<BenchResult> Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            if (elements.Count == 0) throw new InputException(source, "is an empty bench.json array");
            return elements.Select((e, i) => ParseOne(e, elements.Count == 1 ? source : $"{source} [{i.ToString(CultureInfo.InvariantCulture)}]")).ToList();
        }
        catch (JsonException e)
        {
            throw new InputException(source, $"is not a valid bench.json: {e.Message}");
        }
    }

    private static BenchResult ParseOne(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InputException(source, "is not a bench.json: expected a JSON object");
        if (!element.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != SchemaVersion)
            throw new InputException(source, $"is not a bench.json with schema_version {SchemaVersion.ToString(CultureInfo.InvariantCulture)}", column: "schema_version");
        var result = element.Deserialize<BenchResult>(RunJson.Options) ?? throw new InputException(source, "is not a bench.json: null");
        foreach (var (name, value) in Numbers(result))
            if (value is { } x && (!double.IsFinite(x) || x < 0))
                throw new InputException(source, $"has {x.ToString(CultureInfo.InvariantCulture)}; expected a finite number >= 0", column: name);
        return result;
    }

    private static IEnumerable<(string Name, double? Value)> Numbers(BenchResult r) =>
    [
        ("pairs_per_second", r.PairsPerSecond), ("tokens_per_second", r.TokensPerSecond), ("latency_p50_ms", r.LatencyP50Ms),
        ("latency_p90_ms", r.LatencyP90Ms), ("latency_p99_ms", r.LatencyP99Ms), ("peak_qps", r.PeakQps), ("latency_bound_ms", r.LatencyBoundMs),
    ];
}
