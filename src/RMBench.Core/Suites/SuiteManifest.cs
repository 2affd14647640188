using System.Text.Json;
using System.Text.Json.Serialization;
using RMBench.Core.Errors;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite's suite.json. Unknown fields are an error (a typo must not silently change a benchmark).
/// Dataset paths are relative to the suite folder.
/// </summary>
public sealed record SuiteManifest
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The published benchmark this suite mirrors (e.g. "RewardBench v1").</summary>
    public string Anchor { get; init; } = "";
    public required IReadOnlyList<SuiteDataset> Datasets { get; init; }
    /// <summary>
    /// Optional RewardBench-style sections: section name -> subset -> weight. A weight is the example
    /// count the section weighting uses (RewardBench counts math-prm as 984); null means the subset's
    /// observed item count.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>>? Sections { get; init; }
    /// <summary>Metric names computed for this suite besides the kinds' defaults.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];
    /// <summary>Metric key shown as the suite's headline; default "overall" with sections, else "accuracy".</summary>
    public string? Headline { get; init; }
    /// <summary>
    /// Scriban template that renders the final user turn from a row (persona, documents, reference...);
    /// kinds that put extra context into the conversation use it. Null: the prompt as it is.
    /// </summary>
    public string? Template { get; init; }
    /// <summary>Kind- and metric-specific settings (e.g. a verify threshold); each reader validates its keys.</summary>
    public IReadOnlyDictionary<string, JsonElement> Options { get; init; } = new Dictionary<string, JsonElement>();

    [JsonIgnore] public string Directory { get; init; } = "";
    [JsonIgnore] public string ManifestPath { get; init; } = "";

    public string HeadlineKey => Headline ?? (Sections is { Count: > 0 } ? "overall" : "accuracy");

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SuiteManifest Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new InputException(path, $"cannot read suite manifest: {e.Message}"); }
        SuiteManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SuiteManifest>(text, JsonOptions)
                       ?? throw new InputException(path, "suite manifest is null");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new InputException(path, $"invalid suite manifest{where}: {Clean(e.Message)}");
        }
        var problems = new List<InputProblem>();
        if (string.IsNullOrWhiteSpace(manifest.Name)) problems.Add(new(path, "field 'name' is empty"));
        if (manifest.Datasets.Count == 0) problems.Add(new(path, "field 'datasets' lists no dataset"));
        foreach (var dataset in manifest.Datasets)
        {
            if (string.IsNullOrWhiteSpace(dataset.Path)) problems.Add(new(path, "a dataset has an empty 'path'"));
            if (string.IsNullOrWhiteSpace(dataset.Kind)) problems.Add(new(path, $"dataset '{dataset.Path}' has an empty 'kind'"));
        }
        if (problems.Count > 0) throw new InputException(problems);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        return manifest with { Directory = directory, ManifestPath = path };
    }

    /// <summary>System.Text.Json appends its own path/line hints; keep the first sentence with the field path.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>A manifest for a bare Parquet file given with --suite FILE.parquet.</summary>
    public static SuiteManifest ForFile(string parquetPath, string kind) => new()
    {
        Name = System.IO.Path.GetFileNameWithoutExtension(parquetPath),
        Description = $"Ad-hoc suite over {System.IO.Path.GetFileName(parquetPath)}",
        Datasets = [new SuiteDataset { Path = System.IO.Path.GetFullPath(parquetPath), Kind = kind }],
        Directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(parquetPath))!,
        ManifestPath = parquetPath,
    };
}

/// <summary>One dataset of a suite: a Parquet file and the kind that reads it.</summary>
public sealed record SuiteDataset
{
    public required string Path { get; init; }
    public required string Kind { get; init; }
}
