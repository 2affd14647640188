using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RMBench.Core.Errors;

namespace RMBench.Remote.Judge;

/// <summary>Whether a preset compares two responses or rates one.</summary>
public enum JudgeMode { Pairwise, Rating }

/// <summary>
/// A judge prompt: Scriban templates for the system and user messages, the regex that finds a verdict in the
/// reply (its first capture group, or the whole match, is the verdict text) and what each verdict means.
/// Pairwise labels map to +1 (the first-shown response, A, wins), -1 (B wins) or 0 (tie); a rating preset
/// reads the verdict as a number within [<see cref="MinRating"/>, <see cref="MaxRating"/>].
/// <para>Built-ins (<see cref="BuiltIn"/>): pairwise, pairwise-graded, rating; or a JSON FILE (see <see cref="Load"/>).</para>
/// </summary>
public sealed record JudgePreset(string Name, JudgeMode Mode, JudgeTemplate System, JudgeTemplate User, Regex Verdict,
    IReadOnlyDictionary<string, int> Labels, string FollowUp, int MinRating = 1, int MaxRating = 10)
{
    public const string DefaultFollowUp = "Please finish now with your final verdict, in exactly the required format.";

    /// <summary>SHA-256 over templates, regex, labels and follow-up: part of the judge's identity.</summary>
    public string Digest => Core.IO.Sha256.Hex(string.Join("\n\u0000", Mode, System.Source, User.Source, Verdict.ToString(),
        string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")), FollowUp,
        MinRating.ToString(CultureInfo.InvariantCulture), MaxRating.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlyList<string> BuiltInNames => ["pairwise", "pairwise-graded", "rating"];

    /// <summary>A built-in NAME, else a FILE (relative to <paramref name="baseDirectory"/>); anything else is exit 3.</summary>
    public static JudgePreset Resolve(string nameOrFile, string baseDirectory)
    {
        if (BuiltIn(nameOrFile) is { } preset) return preset;
        var path = Path.GetFullPath(nameOrFile, baseDirectory);
        if (!File.Exists(path))
            throw new InputException("--judge-preset",
                $"'{nameOrFile}' is neither a built-in preset ({string.Join(", ", BuiltInNames)}) nor an existing preset FILE");
        return Load(path);
    }

    public static JudgePreset? BuiltIn(string name) => name switch
    {
        "pairwise" => Pairwise("pairwise", BuiltInPrompts.PairwiseSystem, BuiltInPrompts.PairwiseUser,
            @"\[\[(A|B|C)\]\]", new Dictionary<string, int> { ["A"] = 1, ["B"] = -1, ["C"] = 0 }),
        "pairwise-graded" => Pairwise("pairwise-graded", BuiltInPrompts.GradedSystem, BuiltInPrompts.PairwiseUser,
            @"\[\[(A>>B|A>B|A=B|B>A|B>>A)\]\]",
            new Dictionary<string, int> { ["A>>B"] = 1, ["A>B"] = 1, ["A=B"] = 0, ["B>A"] = -1, ["B>>A"] = -1 }),
        "rating" => new JudgePreset("rating", JudgeMode.Rating,
            JudgeTemplate.Parse(BuiltInPrompts.RatingSystem, JudgeMode.Rating, "built-in preset 'rating'"),
            JudgeTemplate.Parse(BuiltInPrompts.RatingUser, JudgeMode.Rating, "built-in preset 'rating'"),
            new Regex(@"\[\[(10|[1-9])\]\]|Rating:\s*(10|[1-9])\b", RegexOptions.CultureInvariant),
            new Dictionary<string, int>(), DefaultFollowUp),
        _ => null,
    };

    private static JudgePreset Pairwise(string name, string system, string user, string regex, Dictionary<string, int> labels) =>
        new(name, JudgeMode.Pairwise, JudgeTemplate.Parse(system, JudgeMode.Pairwise, $"built-in preset '{name}'"),
            JudgeTemplate.Parse(user, JudgeMode.Pairwise, $"built-in preset '{name}'"),
            new Regex(regex, RegexOptions.CultureInvariant), labels, DefaultFollowUp);

    /// <summary>
    /// A preset FILE: {"mode": "pairwise"|"rating", "system": TEXT or "system_file": PATH, "user": TEXT or
    /// "user_file": PATH (paths relative to the JSON), "verdict_regex": REGEX, "labels": {"A": 1, "B": -1, "tie": 0}
    /// (pairwise, required), "min_rating"/"max_rating" (rating, default 1/10), "followup": TEXT}.
    /// Every problem is exit 3 naming the file: bad JSON, unknown field, a regex that does not compile, an
    /// unknown template variable.
    /// </summary>
    public static JudgePreset Load(string path)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone(); }
        catch (JsonException e) { throw new InputException(path, $"preset file is not valid JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new InputException(path, "preset file must be a JSON object");
        string[] known = ["mode", "system", "system_file", "user", "user_file", "verdict_regex", "labels", "min_rating", "max_rating", "followup"];
        foreach (var property in root.EnumerateObject())
            if (!known.Contains(property.Name))
                throw new InputException(path, $"unknown field '{property.Name}' (known: {string.Join(", ", known)})");
        var mode = Text(root, "mode", path) switch
        {
            "pairwise" => JudgeMode.Pairwise,
            "rating" => JudgeMode.Rating,
            var other => throw new InputException(path, $"field 'mode' must be \"pairwise\" or \"rating\" (got {other ?? "nothing"})"),
        };
        var system = JudgeTemplate.Parse(TemplateText(root, "system", path) ?? "", mode, path);
        var user = JudgeTemplate.Parse(TemplateText(root, "user", path) ?? throw new InputException(path, "field 'user' (or 'user_file') is required"), mode, path);
        var pattern = Text(root, "verdict_regex", path) ?? throw new InputException(path, "field 'verdict_regex' is required");
        Regex regex;
        try { regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new InputException(path, $"field 'verdict_regex' is not a valid regex: {e.Message}"); }
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("labels", out var labelsJson))
        {
            if (labelsJson.ValueKind != JsonValueKind.Object) throw new InputException(path, "field 'labels' must be an object of label -> 1, -1 or 0");
            foreach (var label in labelsJson.EnumerateObject())
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.Number && label.Value.TryGetInt32(out var v) && v is >= -1 and <= 1
                    ? v : throw new InputException(path, $"label '{label.Name}' must map to 1 (A wins), -1 (B wins) or 0 (tie)");
        }
        if (mode == JudgeMode.Pairwise && labels.Count == 0) throw new InputException(path, "a pairwise preset needs 'labels' (verdict -> 1, -1 or 0)");
        var min = Int(root, "min_rating", path) ?? 1;
        var max = Int(root, "max_rating", path) ?? 10;
        if (min >= max) throw new InputException(path, "'min_rating' must be below 'max_rating'");
        return new JudgePreset(Path.GetFileNameWithoutExtension(path), mode, system, user, regex, labels,
            Text(root, "followup", path) ?? DefaultFollowUp, min, max);
    }

    private static string? TemplateText(JsonElement root, string field, string path)
    {
        if (Text(root, field, path) is { } inline) return inline;
        if (Text(root, field + "_file", path) is not { } file) return null;
        var full = Path.GetFullPath(file, Path.GetDirectoryName(path)!);
        return File.Exists(full) ? File.ReadAllText(full) : throw new InputException(path, $"field '{field}_file': no file {full}");
    }

    private static string? Text(JsonElement root, string field, string path) =>
        !root.TryGetProperty(field, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InputException(path, $"field '{field}' must be a string");

    private static int? Int(JsonElement root, string field, string path) =>
        !root.TryGetProperty(field, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) ? v : throw new InputException(path, $"field '{field}' must be an integer");
}
