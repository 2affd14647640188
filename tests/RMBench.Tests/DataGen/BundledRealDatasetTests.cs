using System.Security.Cryptography;
using RMBench.Core.Data;
using RMBench.DataGen.Real;

namespace RMBench.Tests.DataGen;

/// <summary>
/// The bundled real suites' files are exactly what `-- real` writes from ../shared/data with the project's importers,
/// their sha256 is pinned in datasets/README.md, and each suite README states licence and a published figure.
/// </summary>
public class BundledRealDatasetTests
{
    public static TheoryData<string> Files() => [.. RealSuites.Datasets.Select(d => d.FileName)];

    [SharedDataTheory]
    [MemberData(nameof(Files))]
    public async Task The_committed_file_is_exactly_what_the_generator_writes_from_the_upstream_file(string fileName)
    {
        var dataset = RealSuites.Datasets.Single(d => d.FileName == fileName);
        var import = await RealSuites.ConvertAsync(dataset, TestPaths.SharedData);
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), fileName);
        await ParquetDatasetWriter.WriteAsync(regenerated, import.Kind, import.Rows);

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", fileName);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains($"`{fileName}` |", await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));
        Assert.Equal(import.Kind, (await DatasetMetadata.ReadAsync(committed)).Kind);
    }

    [Theory]
    [InlineData("llmbar", "MIT")]
    [InlineData("rm-bench", "ODC-By")]
    [InlineData("hh-rlhf-harmless", "MIT")]
    [InlineData("pandalm", "Apache-2.0")]
    public async Task Each_real_suite_readme_states_licence_upstream_commit_and_a_published_figure(string suite, string licence)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "suites", suite, "README.md"));
        Assert.Contains(licence, readme);
        Assert.Contains("## Licence and attribution", readme);
        Assert.Contains("## Published figures", readme);
        Assert.Matches("[0-9a-f]{40}", readme); // the upstream commit
    }
}
