using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using RMBench.Core.Errors;

namespace RMBench.Core.Import;

/// <summary>
/// Where a source record is: its file and either its 0-based index (JSON array, Parquet) or its
/// 1-based line (JSONL). Builds the skip location and the <see cref="InputException"/> for the record,
/// whose named place is a "field" of a JSON record or a "column" of a Parquet row.
/// </summary>
internal readonly record struct RecordRef(string File, long? Index, long? Line, bool Json = true)
{
    public static RecordRef AtIndex(string file, long index) => new(file, index, null);
    public static RecordRef AtParquetRow(string file, long row) => new(file, row, null, Json: false);
    public static RecordRef AtLine(string file, long line) => new(file, null, line);

    /// <summary>"index 3" or "line 17".</summary>
    public string Location => Line is { } line ? $"line {line}" : $"index {Index}";

    /// <summary>Invalid input naming the file, the record (row = array index, or the line) and the field.</summary>
    public InputException Error(string message, string? field = null) =>
        new([new InputProblem(Line is { } line ? $"{File}, line {line}" : File, message, Index, field, Json ? "field" : "column")]);
}

/// <summary>The ids of an upstream file's records so far: a second record with an id is invalid, naming the first.</summary>
internal sealed class RecordIds
{
    private readonly Dictionary<string, RecordRef> _first = new(StringComparer.Ordinal);

    public void Claim(string id, RecordRef at, string field)
    {
        if (!_first.TryAdd(id, at)) throw at.Error($"duplicate id '{id}' (also at {_first[id].Location}).", field);
    }
}

/// <summary>
/// Helpers shared by the importers: locating input files, parsing JSON arrays and JSONL with errors
/// that name file, record and field, and strict typed field access (System.Text.Json).
/// </summary>
internal static class ImportJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Throws invalid input unless <paramref name="path"/> is an existing file.</summary>
    public static void RequireFile(string path)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a directory; expected a file.");
        if (!File.Exists(path)) throw new InputException(path, "file not found.");
    }

    /// <summary>
    /// The input as a list of JSON files: the file itself, or every *.json below a directory in ordinal path
    /// order (a directory without any is invalid).
    /// </summary>
    public static IReadOnlyList<string> JsonFiles(string inputPath)
    {
        if (File.Exists(inputPath)) return [inputPath];
        if (!Directory.Exists(inputPath)) throw new InputException(inputPath, "no such file or directory.");
        var files = Directory.EnumerateFiles(inputPath, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InputException(inputPath, "the directory holds no *.json files.");
    }

    /// <summary>Parses a file holding a non-empty JSON array of records. Dispose the document after use.</summary>
    public static async Task<JsonDocument> ReadArrayAsync(string path, CancellationToken cancellationToken)
    {
        RequireFile(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var json = WithoutBom(bytes);
        if (IsBlank(json.Span)) throw new InputException(path, "the file is empty.");
        JsonDocument document;
        try { document = JsonDocument.Parse(json, Options); }
        catch (JsonException e) { throw InvalidJson(path, e, jsonl: false); }

        var root = document.RootElement;
        string? problem = root.ValueKind != JsonValueKind.Array
            ? $"expected a JSON array of records at the top level, found {Describe(root)}."
            : root.GetArrayLength() == 0 ? "the JSON array holds no records." : null;
        if (problem is null) return document;
        document.Dispose();
        throw new InputException(path, problem);
    }

    /// <summary>The records of an array read by <see cref="ReadArrayAsync"/>, each required to be a JSON object.</summary>
    public static IEnumerable<(JsonElement Record, RecordRef At)> Records(JsonDocument document, string path)
    {
        var index = 0L;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var at = RecordRef.AtIndex(path, index++);
            yield return (RequireObject(element, at), at);
        }
    }

    /// <summary>
    /// The records of a JSONL file, one JSON object per line (1-based line numbers). Blank lines are not
    /// records and are passed over; a file without any record is invalid. Each element is independent of
    /// any document (cloned), so callers may keep it.
    /// </summary>
    /// <param name="arraysAsJson">Whether the importer reads a .json file as a JSON array (the hint for an array given as JSON Lines).</param>
    public static async IAsyncEnumerable<(JsonElement Record, RecordRef At)> ReadLinesAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken, bool arraysAsJson = false)
    {
        RequireFile(path);
        using var reader = OpenText(path);
        var lineNumber = 0L;
        var records = 0L;
        while (true)
        {
            string? line;
            try { line = await reader.ReadLineAsync(cancellationToken); }
            catch (Exception e) when (e is DecoderFallbackException or InvalidDataException)
            {
                throw RecordRef.AtLine(path, lineNumber + 1).Error($"cannot be read as UTF-8 text: {e.Message}");
            }
            if (line is null) break;
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var at = RecordRef.AtLine(path, lineNumber);
            if (records == 0 && line.TrimStart().StartsWith('[')) throw JsonArrayNotLines(path, lineNumber, arraysAsJson);
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line, Options);
                element = document.RootElement.Clone();
            }
            catch (JsonException e) { throw InvalidJson(path, e, jsonl: true, lineNumber); }
            records++;
            yield return (RequireObject(element, at), at);
        }
        if (records == 0) throw new InputException(path, "the file is empty (no JSON lines).");
    }

    /// <summary>A text reader for the file; ".gz" files are decompressed on the fly.</summary>
    public static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }

    public static JsonElement RequireObject(JsonElement element, RecordRef at) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw at.Error($"expected a JSON object for the record, found {Describe(element)}.");

    /// <summary>The field's value; missing is invalid (null is returned as a JSON null for the caller to judge).</summary>
    public static JsonElement Required(JsonElement record, string field, RecordRef at) =>
        record.TryGetProperty(field, out var value)
            ? value
            : throw at.Error($"missing required field '{field}'.", field);

    /// <summary>The field's value when present and not null.</summary>
    public static bool TryGetOptional(JsonElement record, string field, out JsonElement value) =>
        record.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    public static string String(JsonElement record, string field, RecordRef at) =>
        AsString(Required(record, field, at), field, at);

    public static string AsString(JsonElement value, string field, RecordRef at)
    {
        if (value.ValueKind != JsonValueKind.String) throw at.Error($"expected a string, found {Describe(value)}.", field);
        try { return value.GetString()!; }
        catch (InvalidOperationException) { throw at.Error("the string is not valid UTF-8.", field); }
    }

    /// <summary>An optional string field: absent or null gives null; any other non-string is invalid.</summary>
    public static string? OptionalString(JsonElement record, string field, RecordRef at) =>
        TryGetOptional(record, field, out var value) ? AsString(value, field, at) : null;

    /// <summary>An optional id field: a non-empty string or an integer (invariant culture); absent or null gives null.</summary>
    public static string? OptionalId(JsonElement record, string field, RecordRef at)
    {
        if (!TryGetOptional(record, field, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            return number.ToString(CultureInfo.InvariantCulture);
        if (value.ValueKind == JsonValueKind.String && AsString(value, field, at) is { Length: > 0 } text) return text;
        throw at.Error($"{field} must be a non-empty string or an integer, found {(value.ValueKind == JsonValueKind.String ? "an empty string" : Describe(value))}.", field);
    }

    public static int Int(JsonElement record, string field, RecordRef at)
    {
        var value = Required(record, field, at);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw at.Error($"expected an integer, found {Describe(value)}.", field);
    }

    /// <summary>A JSON array of strings (possibly empty: callers decide whether that is allowed).</summary>
    public static IReadOnlyList<string> AsStringList(JsonElement value, string field, RecordRef at)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw at.Error($"expected a list of strings, found {Describe(value)}.", field);
        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
            items.Add(item.ValueKind == JsonValueKind.String
                ? AsString(item, field, at)
                : throw at.Error($"expected a list of strings, but item {items.Count} is {Describe(item)}.", field));
        return items;
    }

    /// <summary>A short description of a JSON value for error messages ("a string", "the number 3", "null").</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>"a: 3; b: 1" in descending count, then name order: per-reason counts for the notes.</summary>
    public static string Counts(IEnumerable<string> keys) =>
        string.Join("; ", keys.GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count().ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>A JSON array where JSON Lines were expected: say so, and how to convert, instead of the parser's text.</summary>
    private static InputException JsonArrayNotLines(string path, long lineNumber, bool arraysAsJson)
    {
        var stem = Path.GetFileNameWithoutExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path);
        var fix = arraysAsJson
            ? $"give it a .json name ({stem}.json): this format reads .json files as JSON arrays"
            : $"convert it to one record per line (e.g. jq -c '.[]' {Path.GetFileName(path)} > {stem}-lines.jsonl) and import that";
        return RecordRef.AtLine(path, lineNumber).Error($"expected one JSON object per line (JSON Lines); this file is a JSON array: {fix}.");
    }

    private static InputException InvalidJson(string path, JsonException e, bool jsonl, long lineNumber = 0)
    {
        // JsonException positions are 0-based; a JSONL record is a single line, so its position is within that line.
        var position = e.BytePositionInLine is { } b ? $"byte {b + 1}" : "unknown position";
        var detail = e.Message;
        var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) detail = detail[..cut];
        return jsonl
            ? RecordRef.AtLine(path, lineNumber).Error($"not valid JSON ({position}): {detail}")
            : new InputException(path, $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, {position}): {detail}");
    }

    private static ReadOnlyMemory<byte> WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsMemory(3) : bytes;

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}
