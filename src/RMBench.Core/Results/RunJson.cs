using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using RMBench.Core.Errors;
using RMBench.Core.IO;

namespace RMBench.Core.Results;

/// <summary>
/// run.json: a <see cref="RunResult"/> as indented JSON with snake_case names and enums as strings.
/// Numbers are written by System.Text.Json (culture-invariant, shortest round-trip form). A non-finite
/// number is refused: serialising NaN or infinity throws <see cref="NonFiniteNumberException"/> and
/// nothing is written. Reading (leaderboard, gate, replay) gives an <see cref="InputException"/> for a
/// missing file, invalid JSON, a wrong schema_version or a missing field.
/// </summary>
public static class RunJson
{
    /// <summary>The schema version this harness writes and reads.</summary>
    public const int SchemaVersion = 1;

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            NumberHandling = JsonNumberHandling.Strict,
            // Non-ASCII letters stay readable; HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new FiniteDoubleConverter());
        options.Converters.Add(new FiniteSingleConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The run as run.json text (ends with a newline). Throws <see cref="NonFiniteNumberException"/> naming every non-finite metric.</summary>
    public static string Serialize(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = NonFiniteValues(result).ToList();
        if (problems.Count > 0)
            throw new NonFiniteNumberException("run.json refuses non-finite numbers: " + string.Join("; ", problems));
        return JsonSerializer.Serialize(result, Options) + "\n";
    }

    /// <summary>Serialises first (so a refused value writes nothing), then writes the file atomically.</summary>
    public static Task WriteAsync(string path, RunResult result, CancellationToken cancellationToken = default)
    {
        var text = Serialize(result);
        return AtomicFile.WriteAllTextAsync(path, text, cancellationToken);
    }

    /// <summary>Reads a run.json (or the run.json inside a run folder).</summary>
    public static RunResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) && File.Exists(Path.Combine(full, RunFiles.RunJson)))
            full = Path.Combine(full, RunFiles.RunJson);
        if (!File.Exists(full))
            throw new InputException(path, Directory.Exists(full) ? $"is a folder without a {RunFiles.RunJson}" : "file not found");
        string text;
        try { text = File.ReadAllText(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot be read: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses run.json text; <paramref name="source"/> names it in error messages.</summary>
    public static RunResult Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new InputException(source, $"is not valid JSON: {Describe(e)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InputException(source, $"is not a run.json: expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            if (!root.TryGetProperty("schema_version", out var version))
                throw new InputException(source, "is not a run.json: no schema_version", column: "schema_version");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SchemaVersion)
                throw new InputException(source,
                    $"has schema_version {version.GetRawText()}; this RMBench reads schema_version {SchemaVersion.ToString(CultureInfo.InvariantCulture)}",
                    column: "schema_version");

            RunResult? result;
            try { result = root.Deserialize<RunResult>(Options); }
            catch (JsonException e)
            {
                throw new InputException(source, $"is not a valid run.json: {Describe(e)}");
            }
            if (result is null)
                throw new InputException(source, "is not a run.json: null");
            if (result.Status is not ("complete" or "partial"))
                throw new InputException(source, $"has status '{result.Status}'; expected 'complete' or 'partial'", column: "status");
            return result;
        }
    }

    /// <summary>System.Text.Json's message with its 0-based "LineNumber | BytePositionInLine" suffix replaced by a 1-based line and the JSON path.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        var where = new List<string>();
        if (e.LineNumber is { } line) where.Add($"line {(line + 1).ToString(CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(e.Path) && e.Path != "$") where.Add(e.Path);
        return where.Count == 0 ? message.TrimEnd() : $"{message.TrimEnd()} ({string.Join(", ", where)})";
    }

    /// <summary>Every non-finite number of the run, as "where = value".</summary>
    public static IEnumerable<string> NonFiniteValues(RunResult result)
    {
        foreach (var suite in result.Suites)
        {
            foreach (var m in suite.Metrics)
            {
                foreach (var (name, value) in new[] { ("value", m.Value), ("ci_low", m.CiLow), ("ci_high", m.CiHigh) })
                    if (!double.IsFinite(value))
                        yield return $"suite '{suite.Name}' metric '{m.Key}' {name} = {value.ToString(CultureInfo.InvariantCulture)}";
            }
            foreach (var s in suite.Subsets)
            {
                foreach (var (name, value) in new[] { ("accuracy", s.Accuracy), ("ci_low", s.CiLow), ("ci_high", s.CiHigh) })
                    if (!double.IsFinite(value))
                        yield return $"suite '{suite.Name}' subset '{s.Name}' {name} = {value.ToString(CultureInfo.InvariantCulture)}";
            }
        }
    }

    /// <summary>Backstop for numbers outside the known metric fields: refuses to write NaN or infinity.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value))
                throw new NonFiniteNumberException($"run.json refuses a non-finite number ({value.ToString(CultureInfo.InvariantCulture)}).");
            writer.WriteNumberValue(value);
        }
    }

    private sealed class FiniteSingleConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetSingle();

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
        {
            if (!float.IsFinite(value))
                throw new NonFiniteNumberException($"run.json refuses a non-finite number ({value.ToString(CultureInfo.InvariantCulture)}).");
            writer.WriteNumberValue(value);
        }
    }
}

/// <summary>A NaN or infinity was about to be written to JSON: a bug upstream (invalid scores must be counted, not averaged).</summary>
public sealed class NonFiniteNumberException(string message) : InvalidOperationException(message);
