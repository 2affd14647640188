using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Results;

namespace RMBench.Core.Models.Replay;

/// <summary>
/// The "replay" backend: replay:FILE answers with the scores stored in FILE, a run's scores.parquet or a
/// JSONL file with id, role, score (and optional suite) per line. Useful to recompute metrics and reports
/// of a past run, to score with a model that runs elsewhere, and to test the harness.
/// </summary>
public sealed class ReplayBackend : IModelBackend
{
    public string Name => "replay";

    public string Description => "Stored scores from a run's scores.parquet or a JSONL file (id, role, score, optional suite).";

    public string Usage => "replay:FILE";

    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(argument))
            throw new InputException("replay", "needs a file: replay:FILE, where FILE is a scores.parquet or a JSONL file with id, role and score");

        var path = Path.GetFullPath(argument, options.BaseDirectory);
        var table = await ReplayTable.LoadAsync(path, cancellationToken);
        var sourceModel = table.Format == ReplayTable.ParquetFormat ? SiblingRunModel(table.Path) : null;
        var name = sourceModel?.Id ?? Path.GetFileNameWithoutExtension(table.Path);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["file"] = table.Path,
            ["format"] = table.Format,
            ["scores"] = table.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (sourceModel is not null)
        {
            settings["source_model"] = sourceModel.Id;
            settings["source_backend"] = sourceModel.Backend;
            settings["source_digest"] = sourceModel.Digest;
        }

        var info = new ModelInfo
        {
            Id = "replay-" + name,
            Backend = Name,
            Digest = table.Sha256,
            Settings = settings,
            Capabilities = ModelCapabilities.Text | ModelCapabilities.Images | ModelCapabilities.ReferenceAnswers,
            Deterministic = true,
            Cacheable = false,
        };
        return new ReplayModel(table, info);
    }

    /// <summary>The model of the run.json beside a scores.parquet, when there is a readable one.</summary>
    private static ModelInfo? SiblingRunModel(string scoresPath)
    {
        var runJson = Path.Combine(Path.GetDirectoryName(scoresPath)!, RunFiles.RunJson);
        if (!File.Exists(runJson)) return null;
        try { return RunJson.Load(runJson).Model; }
        catch (InputException) { return null; } // only used for naming; the scores themselves are valid
    }
}
