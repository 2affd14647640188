using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RMBench.Core.Errors;
using RMBench.Core.Requests;
using RMBench.Core.Results;

namespace RMBench.Core.Models.Replay;

/// <summary>
/// Stored scores keyed by (suite, id, role), loaded and validated up front from a scores.parquet written by
/// RMBench or a JSONL file with one object per line: "id", "role", "score" and optionally "suite". When the
/// table has suites, lookups match on (suite, id, role); otherwise on (id, role). Non-finite scores are kept
/// as they are (the runner records them as invalid).
/// </summary>
public sealed partial class ReplayTable
{
    public const string ParquetFormat = "parquet";
    public const string JsonlFormat = "jsonl";

    private const int MaxProblems = 50;
    private readonly Dictionary<(string Suite, string Id, string Role), float> _scores;

    private ReplayTable(string path, string format, string sha256, bool hasSuites, Dictionary<(string, string, string), float> scores)
    {
        Path = path;
        Format = format;
        Sha256 = sha256;
        HasSuites = hasSuites;
        _scores = scores;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }
    /// <summary><see cref="ParquetFormat"/> or <see cref="JsonlFormat"/>.</summary>
    public string Format { get; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }
    /// <summary>Whether rows name their suite (then lookups match on it).</summary>
    public bool HasSuites { get; }
    /// <summary>Distinct (suite, id, role) keys.</summary>
    public int Count => _scores.Count;

    /// <summary>The roles the file stores scores for, in ordinal order.</summary>
    public IReadOnlyList<string> Roles => _scores.Keys.Select(k => k.Role).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The stored score of one origin.</summary>
    public bool TryGetScore(RequestOrigin origin, out float score) =>
        _scores.TryGetValue((HasSuites ? origin.Suite : "", origin.ItemId, origin.Role), out score);

    /// <summary>The score of the first of <paramref name="origins"/> found in the table.</summary>
    public bool TryGetScore(IEnumerable<RequestOrigin> origins, out float score)
    {
        foreach (var origin in origins)
            if (TryGetScore(origin, out score)) return true;
        score = float.NaN;
        return false;
    }

    /// <summary>
    /// Loads and validates <paramref name="path"/>: Parquet when the name ends in .parquet or the file starts
    /// with Parquet's magic bytes, JSONL otherwise. Every problem is reported in one <see cref="InputException"/>.
    /// </summary>
    public static async Task<ReplayTable> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InputException(full, Directory.Exists(full) ? "is a folder; replay needs a scores.parquet or JSONL file" : "file not found");

        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(full, cancellationToken); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(full, $"cannot be read: {e.Message}");
        }
        var sha = RMBench.Core.IO.Sha256.Hex(bytes);

        var isParquet = full.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
                        || bytes.AsSpan().StartsWith("PAR1"u8);
        var problems = new List<InputProblem>();
        var scores = new Dictionary<(string, string, string), float>();
        bool hasSuites;
        if (isParquet)
        {
            var rows = await ScoresTable.ReadAsync(full, cancellationToken);
            hasSuites = AddAll(full, rows.Select((r, i) => (Where: $"row {i.ToString(CultureInfo.InvariantCulture)}", (string?)r.Suite, r.Id, r.Role, r.Score)), scores, problems);
        }
        else
        {
            hasSuites = AddAll(full, ParseJsonl(full, bytes, problems), scores, problems);
        }

        if (problems.Count == 0 && scores.Count == 0)
            problems.Add(new InputProblem(full, "contains no scores"));
        if (problems.Count > 0)
            throw new InputException(problems.Count <= MaxProblems
                ? problems
                : [.. problems.Take(MaxProblems), new InputProblem(full, $"... and {problems.Count - MaxProblems} more problems")]);
        return new ReplayTable(full, isParquet ? ParquetFormat : JsonlFormat, sha, hasSuites, scores);
    }

    /// <summary>Adds the entries; a key seen twice with a different score, or suites given on some entries only, is a problem.</summary>
    private static bool AddAll(string file, IEnumerable<(string Where, string? Suite, string Id, string Role, float Score)> entries,
        Dictionary<(string, string, string), float> scores, List<InputProblem> problems)
    {
        var all = entries.ToList();
        var withSuite = all.Where(e => !string.IsNullOrEmpty(e.Suite)).ToList();
        var hasSuites = withSuite.Count > 0;
        if (hasSuites && withSuite.Count < all.Count)
        {
            var first = all.First(e => string.IsNullOrEmpty(e.Suite));
            problems.Add(new InputProblem(file,
                $"{first.Where}: no suite, but other entries name one ({(all.Count - withSuite.Count).ToString(CultureInfo.InvariantCulture)} entries without a suite); give the suite on every entry or on none"));
            return hasSuites;
        }

        var firstSeen = new Dictionary<(string, string, string), string>();
        foreach (var e in all)
        {
            var key = (hasSuites ? e.Suite! : "", e.Id, e.Role);
            if (scores.TryGetValue(key, out var existing))
            {
                if (!existing.Equals(e.Score))
                    problems.Add(new InputProblem(file,
                        $"{e.Where}: duplicate {Describe(key, hasSuites)} with a different score ({FormatScore(e.Score)}; {firstSeen[key]} has {FormatScore(existing)})"));
                continue;
            }
            scores[key] = e.Score;
            firstSeen[key] = e.Where;
        }
        return hasSuites;
    }

    internal static string Describe((string Suite, string Id, string Role) key, bool hasSuites) =>
        hasSuites ? $"suite '{key.Suite}', id '{key.Id}', role '{key.Role}'" : $"id '{key.Id}', role '{key.Role}'";

    private static string FormatScore(float score) => score.ToString("R", CultureInfo.InvariantCulture);

    private static List<(string Where, string? Suite, string Id, string Role, float Score)> ParseJsonl(string file, byte[] bytes, List<InputProblem> problems)
    {
        var entries = new List<(string, string?, string, string, float)>();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (true)
        {
            string? line;
            try { line = reader.ReadLine(); }
            catch (DecoderFallbackException)
            {
                problems.Add(new InputProblem(file, $"line {(lineNumber + 1).ToString(CultureInfo.InvariantCulture)}: not valid UTF-8 text"));
                break;
            }
            if (line is null) break;
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"line {lineNumber.ToString(CultureInfo.InvariantCulture)}";
            var before = problems.Count;
            var entry = ParseLine(file, where, line, problems);
            if (entry is { } e && problems.Count == before) entries.Add(e);
        }
        return entries;
    }

    private static (string Where, string? Suite, string Id, string Role, float Score)? ParseLine(string file, string where, string line, List<InputProblem> problems)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(line); }
        catch (JsonException e)
        {
            // Python's json module writes bare NaN / Infinity, which JSON does not allow; accept them as values.
            var patched = BareNonFinite().Replace(line, "\"$1\"");
            try { document = JsonDocument.Parse(patched); }
            catch (JsonException)
            {
                problems.Add(new InputProblem(file, $"{where}: invalid JSON ({e.Message})"));
                return null;
            }
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new InputProblem(file, $"{where}: expected a JSON object with id, role and score, found {Kind(root)}"));
                return null;
            }

            string? Text(string name, bool required, bool allowInteger)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    if (required) problems.Add(new InputProblem(file, $"{where}: missing field '{name}'", Column: name));
                    return null;
                }
                if (value.ValueKind == JsonValueKind.String)
                {
                    var s = value.GetString()!;
                    if (s.Length == 0 && required) problems.Add(new InputProblem(file, $"{where}: field '{name}' is empty", Column: name));
                    return s;
                }
                if (allowInteger && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _))
                    return value.GetRawText();
                problems.Add(new InputProblem(file, $"{where}: field '{name}' must be a string, found {Kind(value)}", Column: name));
                return null;
            }

            var suite = Text("suite", required: false, allowInteger: false);
            var id = Text("id", required: true, allowInteger: true);
            var role = Text("role", required: true, allowInteger: false);
            float? score = null;
            if (!root.TryGetProperty("score", out var s) || s.ValueKind == JsonValueKind.Null)
                problems.Add(new InputProblem(file, $"{where}: missing field 'score'", Column: "score"));
            else if (s.ValueKind == JsonValueKind.Number)
            {
                if (s.TryGetDouble(out var d) && double.IsFinite(d)) score = (float)d;
                else problems.Add(new InputProblem(file, $"{where}: score {s.GetRawText()} is out of range", Column: "score"));
            }
            else if (s.ValueKind == JsonValueKind.String && NonFinite(s.GetString()!) is { } nonFinite)
                score = nonFinite;
            else
                problems.Add(new InputProblem(file, $"{where}: score must be a number, found {Kind(s)}", Column: "score"));

            if (id is null || role is null || score is null) return null;
            return (where, suite, id, role, score.Value);
        }
    }

    private static float? NonFinite(string text) => text switch
    {
        "NaN" or "nan" => float.NaN,
        "Infinity" or "+Infinity" or "inf" or "+inf" => float.PositiveInfinity,
        "-Infinity" or "-inf" => float.NegativeInfinity,
        _ => null,
    };

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string {Clip(e.GetRawText())}",
        JsonValueKind.Number => $"the number {Clip(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";

    [GeneratedRegex(@"(?<=[:\[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex BareNonFinite();
}
