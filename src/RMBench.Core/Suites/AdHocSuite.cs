using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite made on the fly from one canonical Parquet file (`--suite FILE.parquet`). The kind is the
/// one whose schema the file satisfies; when none does, the problems of the closest kind are reported.
/// </summary>
public static class AdHocSuite
{
    public static async Task<SuiteManifest> ForFileAsync(string path, Registry<ISuiteKind> kinds, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new InputException(path, "file does not exist");
        InputException? closest = null;
        foreach (var kind in kinds.All)
        {
            try
            {
                await ParquetDatasetReader.ReadAsync(path, kind.Schema, cancellationToken);
                return SuiteManifest.ForFile(path, kind.Name);
            }
            catch (InputException e) when (closest is null || e.Problems.Count < closest.Problems.Count)
            {
                closest = e;
            }
            catch (InputException)
            {
            }
        }
        throw closest ?? new InputException(path, "no suite kind is registered");
    }
}
