using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Plugins;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite made on the fly from one canonical Parquet file (`--suite FILE.parquet`). The kind is the
/// one whose schema the file satisfies; when several do, the one with the most required columns (the
/// most specific: an image-response file also satisfies pairwise, which would ignore its images); when none
/// does, the problems of the closest kind are reported.
/// <para>
/// Cheap for large files: the kinds whose columns the file has are found from its footer alone. When one
/// kind has them, it is the kind (the loader then checks the values, as for any suite). When several do,
/// their values are checked, most specific first, streaming one row group at a time, until one passes.
/// </para>
/// </summary>
public static class AdHocSuite
{
    public static async Task<SuiteManifest> ForFileAsync(string path, Registry<ISuiteKind> kinds, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new InputException(path, "file does not exist");
        var candidates = new List<ISuiteKind>();
        InputException? closest = null;
        foreach (var kind in kinds.All)
        {
            var problems = await ParquetDatasetReader.CheckColumnsAsync(path, kind.Schema, cancellationToken);
            if (problems.Count == 0) candidates.Add(kind);
            else if (closest is null || problems.Count < closest.Problems.Count) closest = new InputException(problems);
        }
        var bySpecificity = candidates.OrderByDescending(k => k.Schema.Columns.Count(c => c.Required)).ToList();
        if (bySpecificity.Count == 0) throw closest ?? new InputException(path, "no suite kind is registered");
        if (bySpecificity.Count == 1) return SuiteManifest.ForFile(path, bySpecificity[0].Name);
        closest = null;
        foreach (var kind in bySpecificity)
        {
            try
            {
                await new DatasetFile(path, kind.Schema).ValidateAsync(cancellationToken);
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
        throw closest!;
    }
}
