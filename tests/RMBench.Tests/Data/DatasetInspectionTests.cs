using System.Security.Cryptography;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites.Kinds;
using static RMBench.Tests.Data.TestParquet;

namespace RMBench.Tests.Data;

public sealed class DatasetInspectionTests : IDisposable
{
    private static readonly Dictionary<string, DatasetSchema> Kinds = new()
    {
        ["pairwise"] = new PairwiseKind().Schema,
        ["best-of-n"] = new BestOfNKind().Schema,
    };

    private readonly string _dir = TestPaths.NewTempDirectory("rmbench-inspect");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Report_shows_schema_sizes_hash_and_fit_per_kind()
    {
        var path = Path.Combine(_dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise",
        [
            new CanonicalRow { Id = "a", Subset = "s", Prompt = "p", Chosen = ["c"], Rejected = ["r"] },
            new CanonicalRow { Id = "b", Subset = "s", Prompt = "p", Chosen = ["c"], Rejected = ["r"] },
        ]);

        var report = await DatasetInspection.InspectAsync(path, Kinds, CancellationToken.None);

        Assert.Equal(path, report.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), report.Sha256);
        Assert.Equal(2, report.RowCount);
        Assert.Equal(1, report.RowGroupCount);
        Assert.Contains(new PhysicalColumn("id", "string", false), report.Columns);
        Assert.Contains(new PhysicalColumn("system", "string", true), report.Columns);
        Assert.Contains(report.Columns, c => c is { Name: "conversation", Type: "list<struct<role: string, content: string>>" });
        Assert.Equal(["best-of-n", "pairwise"], report.Kinds.Select(k => k.Kind));

        var pairwise = report.Kinds.Single(k => k.Kind == "pairwise");
        Assert.True(pairwise.Valid);
        Assert.Empty(pairwise.Problems);
        var bestOfN = report.Kinds.Single(k => k.Kind == "best-of-n");
        Assert.False(bestOfN.Valid);
        Assert.Equal(["chosen", "rejected"], bestOfN.Problems.Select(p => p.Column));
        Assert.All(bestOfN.Problems, p => Assert.Contains("has type string; expected list<string>", p.Message));
    }

    [Fact]
    public async Task Report_describes_other_physical_types()
    {
        var path = Path.Combine(_dir, "types.parquet");
        await WriteAsync(path, Longs("n", 1), Bools("b", true), Binaries("img", [1]), StringLists("tags", ["x"]), RepeatedStrings("legacy", ["y"]));
        var report = await DatasetInspection.InspectAsync(path, Kinds, CancellationToken.None);

        Assert.Equal(["int64", "bool", "binary", "list<string>", "list<string>"], report.Columns.Select(c => c.Type));
        Assert.All(report.Kinds, k => Assert.False(k.Valid));
    }

    [Fact]
    public async Task Non_parquet_file_is_an_input_error()
    {
        var path = Path.Combine(_dir, "notes.parquet");
        await File.WriteAllTextAsync(path, "just text");
        var error = await Assert.ThrowsAsync<InputException>(() => DatasetInspection.InspectAsync(path, Kinds, CancellationToken.None));
        Assert.Contains("not a Parquet file", Assert.Single(error.Problems).Message);
    }
}
