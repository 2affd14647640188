namespace RMBench.Tests.Cli;

public class SuitesCommandTests
{
    [Fact]
    public async Task Every_bundled_suite_is_listed_in_aligned_columns_even_with_long_kind_lists()
    {
        var result = await Cli.RunAsync("suites");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('(')).ToList();
        string[] suites = ["bon-curve", "general", "hh-rlhf-harmless", "length-bias", "llmbar", "multimodal", "pandalm", "personalized", "rag", "rm-bench", "verify"];
        Assert.Equal(["suite", .. suites], lines.Select(l => l.Split(' ')[0]));
        // The item counts end in the same column on every line (right-aligned under "items").
        var itemsEnd = lines[0].IndexOf("items", StringComparison.Ordinal) + "items".Length;
        Assert.All(lines.Skip(1), l => Assert.True(char.IsDigit(l[itemsEnd - 1]) && l[itemsEnd] == ' ', l));
        Assert.Contains(lines, l => l.Contains("image-pair,image-response"));
    }
}
