using RMBench.DataGen;

namespace RMBench.Tests.DataGen;

/// <summary>`dotnet run --project tools/RMBench.DataGen -- SUITE --out DIR` writes the bundled file byte for byte.</summary>
public class SampleSuiteSubcommandTests
{
    [Theory]
    [InlineData("personalized", "personalized.parquet")]
    [InlineData("rag", "rag.parquet")]
    public async Task The_subcommand_regenerates_the_committed_file(string suite, string file)
    {
        var dir = TestPaths.NewTempDirectory();

        var exit = await Program.Main([suite, "--out", dir]);

        Assert.Equal(0, exit);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "datasets", file)), await File.ReadAllBytesAsync(Path.Combine(dir, file)));
    }

    [Fact]
    public async Task Another_seed_gives_other_rows_and_a_bad_argument_exits_3()
    {
        var dir = TestPaths.NewTempDirectory();

        Assert.Equal(0, await Program.Main(["rag", "--out", dir, "--seed", "7"]));
        Assert.NotEqual(await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "rag.parquet")), await File.ReadAllBytesAsync(Path.Combine(dir, "rag.parquet")));
        Assert.Equal(3, await Program.Main(["personalized", "--seed", "seven"]));
    }
}
