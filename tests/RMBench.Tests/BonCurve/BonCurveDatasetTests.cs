using System.Security.Cryptography;
using RMBench.Core.Data;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Suites.Kinds;
using RMBench.DataGen.BonCurve;

namespace RMBench.Tests.BonCurve;

public class BonCurveDatasetTests
{
    [Fact]
    public async Task The_committed_dataset_is_what_the_generator_writes_and_its_sha256_is_in_the_readme()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), BonCurveDataset.FileName);
        await BonCurveDatasetWriter.WriteAsync(regenerated, BonCurveDataset.Generate());
        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", BonCurveDataset.FileName);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));

        var dataset = await ParquetDatasetReader.ReadAsync(committed, new BonCurveKind().Schema);
        Assert.Equal(BonCurveDataset.Prompts, dataset.Rows.Count);
        Assert.All(dataset.Rows, r => Assert.Equal(BonCurveDataset.Responses, r.DoubleList("gold").Count));
    }

    [Fact]
    public void Length_is_planted_as_a_trap_the_longest_answers_have_low_gold()
    {
        var responses = BonCurveDataset.Generate().SelectMany(r => r.Responses.Zip(r.Gold)).ToList();
        var byLength = responses.OrderBy(p => LengthModel.CountCodePoints(p.First)).ToList();
        var tenth = byLength.Count / 10;
        var longest = byLength.TakeLast(tenth).Average(p => p.Second);
        var middle = byLength.Skip(4 * tenth).Take(2 * tenth).Average(p => p.Second);
        Assert.True(longest < middle - 1, $"longest tenth {longest:F2} vs middle {middle:F2}");
    }
}
