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

    [Fact]
    public async Task The_committed_training_split_is_exactly_what_the_generator_writes_and_shares_no_item_with_the_suite()
    {
        var regenerated = Path.Combine(TestPaths.NewTempDirectory(), GeneralDataset.TrainFileName);
        var rows = GeneralDataset.GenerateTrainingSplit();
        await ParquetDatasetWriter.WriteAsync(regenerated, "pairwise", rows);

        var committed = Path.Combine(TestPaths.RepoRoot, "datasets", GeneralDataset.TrainFileName);
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(committed))).ToLowerInvariant();
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(regenerated))).ToLowerInvariant());
        Assert.Contains(expected, await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "README.md")));

        // Held out means no identical (prompt, chosen, rejected) item in the suite's data.
        static string Key(CanonicalRow r) => $"{r.System}\u0001{string.Join("\u0001", r.Conversation.Select(t => t.Content))}\u0001{r.Prompt}\u0001{r.Chosen[0]}\u0001{r.Rejected[0]}";
        var suiteKeys = GeneralDataset.Generate().Select(Key).ToHashSet();
        Assert.Equal(GeneralDataset.TrainCount, rows.Count);
        Assert.DoesNotContain(rows, r => suiteKeys.Contains(Key(r)));
    }
}
