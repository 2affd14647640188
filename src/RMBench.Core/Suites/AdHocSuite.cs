using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite made on the fly from one canonical Parquet file (`--suite FILE.parquet`). The kind is the
/// one whose schema the file satisfies; when several do, the one with the most required columns (the
/// most specific: an image-response file also satisfies pairwise, which would ignore its images); when none
/// does, the problems of the closest kind are reported.
/// </summary>
public static class AdHocSuite
{
    public static async Task<SuiteManifest> ForFileAsync(string path, Registry<ISuiteKind> kinds, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new InputException(path, "file does not exist");
        InputException? closest = null;
        (ISuiteKind Kind, int Required)? best = null;
        foreach (var kind in kinds.All)
        {
            try
            {
                await ParquetDatasetReader.ReadAsync(path, kind.Schema, cancellationToken);
                var required = kind.Schema.Columns.Count(c => c.Required);
                if (best is null || required > best.Value.Required) best = (kind, required);
            }
            catch (InputException e) when (closest is null || e.Problems.Count < closest.Problems.Count)
            {
                closest = e;
            }
            catch (InputException)
            {
            }
        }
        if (best is { } chosen) return SuiteManifest.ForFile(path, chosen.Kind.Name);
        throw closest ?? new InputException(path, "no suite kind is registered");
    }
}
