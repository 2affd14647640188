namespace RMBench.Tests;

public class SharedDataAttributeTests
{
    [Fact]
    public void A_missing_data_folder_skips_with_a_data_missing_reason_and_a_present_one_runs()
    {
        var missing = new SharedDataFactAttribute("no-such-benchmark-folder");
        var theory = new SharedDataTheoryAttribute("no-such-benchmark-folder");

        Assert.StartsWith("data missing: ", missing.Skip);
        Assert.Contains(Path.Combine("shared", "data", "no-such-benchmark-folder"), missing.Skip);
        Assert.Equal(missing.Skip, theory.Skip);
        // The tests' own checkout sits beside ../shared/data (CI's layout): its folders do not skip.
        if (Directory.Exists(TestPaths.Shared("llmbar"))) Assert.Null(new SharedDataFactAttribute("llmbar").Skip);
    }
}
