using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite made on the fly from one canonical Parquet file (`--suite FILE.parquet`). Its kind is, in order:
/// the one given (`--kind`), the one recorded in the file's metadata (<see cref="DatasetMetadata"/>, written by
/// every canonical writer), or the only kind whose schema the file satisfies. A file without a recorded kind that
/// validates as several kinds is refused (exit 3): several schemas fit one file (a style-matrix file is also a
/// best-of-n file, an image-response file also pairwise), and guessing would score it the wrong way without a word.
/// The suite gets the kind's <see cref="ISuiteKind.AdHocMetrics"/> (a style-matrix file: the RM-Bench matrix).
/// <para>
/// Cheap for large files: the recorded kind and the kinds whose columns the file has are read from its footer
/// alone; values are checked by the loader, or here (streaming, one row group at a time) only when several kinds'
/// columns fit a file without a recorded kind.
/// </para>
/// </summary>
public static class AdHocSuite
{
    /// <param name="kind">The kind to read the file as (`--kind`); null: the recorded kind, else the one that fits.</param>
    public static async Task<SuiteManifest> ForFileAsync(string path, Registry<ISuiteKind> kinds, CancellationToken cancellationToken, string? kind = null)
    {
        if (!File.Exists(path)) throw new InputException(path, "file does not exist");
        if (kind is not null) return ForKind(path, kinds.Get(kind, "--kind"));
        var (recorded, _) = await DatasetMetadata.ReadAsync(path, cancellationToken);
        if (recorded is not null)
        {
            if (!kinds.TryGet(recorded, out var known))
                throw new InputException(path, $"the file records kind '{recorded}' ({DatasetMetadata.KindKey}), which is not a registered suite kind " +
                    $"(known: {string.Join(", ", kinds.All.Select(k => k.Name))}); pass --kind KIND to read it as another kind");
            return ForKind(path, known);
        }
        var candidates = new List<ISuiteKind>();
        InputException? closest = null;
        foreach (var candidate in kinds.All)
        {
            var problems = await ParquetDatasetReader.CheckColumnsAsync(path, candidate.Schema, cancellationToken);
            if (problems.Count == 0) candidates.Add(candidate);
            else if (closest is null || problems.Count < closest.Problems.Count) closest = new InputException(problems);
        }
        if (candidates.Count == 0) throw closest ?? new InputException(path, "no suite kind is registered");
        if (candidates.Count == 1) return ForKind(path, candidates[0]);
        var valid = new List<ISuiteKind>();
        closest = null;
        foreach (var candidate in candidates)
        {
            try
            {
                await new DatasetFile(path, candidate.Schema).ValidateAsync(cancellationToken);
                valid.Add(candidate);
            }
            catch (InputException e) when (closest is null || e.Problems.Count < closest.Problems.Count)
            {
                closest = e;
            }
            catch (InputException)
            {
            }
        }
        if (valid.Count == 1) return ForKind(path, valid[0]);
        if (valid.Count == 0) throw closest!;
        var names = string.Join(", ", valid.Select(k => k.Name).Order(StringComparer.Ordinal));
        throw new InputException(path,
            $"ambiguous: the file records no kind ({DatasetMetadata.KindKey}) and validates as each of {names}; " +
            $"pass --kind KIND (one of {names}), or write a suite.json that names the kind, or rewrite the file with 'rmbench import' (which records it)");
    }

    private static SuiteManifest ForKind(string path, ISuiteKind kind) =>
        SuiteManifest.ForFile(path, kind.Name) with { Metrics = kind.AdHocMetrics };
}
