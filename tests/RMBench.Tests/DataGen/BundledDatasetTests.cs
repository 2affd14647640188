using System.Security.Cryptography;
using RMBench.Core.Data;
using RMBench.DataGen;

namespace RMBench.Tests.DataGen;

public class BundledDatasetTests
{
    [Fact]
    public async Task The_committed_general_dataset_is_exactly_what_the_generator_writes()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), "general.parquet");
        await ParquetDatasetWriter.WriteAsync(regenerated, "pairwise", GeneralDataset.Generate());

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", "general.parquet");
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
    }
}
