using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.LengthBias;

/// <summary>`rmbench run --suite length-bias --suite verify` on the bundled data with the two baselines, end to end.</summary>
public class LengthBiasAndVerifySuiteRunTests
{
    [Fact]
    public async Task The_length_baseline_shows_its_bias_and_random_sits_near_chance()
    {
        var dir = TestPaths.NewTempDirectory();

        var run = await Cli.Cli.RunAsync("run", "--suite", "length-bias", "--suite", "verify", "--model", "length", "--model", "random",
            "--out", dir, "--bootstrap", "200", "--no-cache");

        Assert.True(run.ExitCode == 0, run.All);
        var results = Directory.EnumerateFiles(dir, "run.json", SearchOption.AllDirectories).Select(RunJson.Load).ToDictionary(r => r.Model.Id);
        var length = Metrics(results["length"]);
        var random = Metrics(results["random"]);

        // length: every hard cell compares a shorter chosen with a longer rejected answer, and it ranks by length.
        Assert.Equal(0.0, length["length-bias"]["rm_bench:hard"]);
        Assert.Equal(1.0, length["length-bias"]["length_correlation"], 12);
        Assert.Equal(1.0, length["length-bias"]["length_split:chosen_longer"]);
        Assert.Equal(0.0, length["length-bias"]["length_split:chosen_shorter"]);
        Assert.True(length["verify"]["verify:auroc"] < 0.5, "the long confident wrong completions outscore the right ones on length");
        // random: near chance everywhere.
        Assert.InRange(random["length-bias"]["rm_bench:hard"], 0.4, 0.6);
        Assert.InRange(random["length-bias"]["length_correlation"], -0.1, 0.1);
        Assert.InRange(random["verify"]["verify:auroc"], 0.4, 0.6);
        Assert.InRange(random["verify"]["verify:accuracy"], 0.4, 0.6);
        Assert.Equal("rm_bench:hard", results["length"].Suites.Single(s => s.Name == "length-bias").Headline);
        Assert.Equal("verify:accuracy", results["length"].Suites.Single(s => s.Name == "verify").Headline);
    }

    [Fact]
    public async Task The_suites_command_lists_both_suites_with_kinds_counts_and_anchors()
    {
        var result = await Cli.Cli.RunAsync("suites");

        Assert.True(result.ExitCode == 0, result.All);
        var lengthBias = result.Out.Split('\n').Single(l => l.StartsWith("length-bias ", StringComparison.Ordinal));
        Assert.Contains("style-matrix,pairwise", lengthBias);
        Assert.Contains(" 400 ", lengthBias);
        Assert.Contains("RM-Bench", lengthBias);
        var verify = result.Out.Split('\n').Single(l => l.StartsWith("verify ", StringComparison.Ordinal));
        Assert.Contains(" 256 ", verify);
        Assert.Contains("VerifyBench", verify);
    }

    private static Dictionary<string, Dictionary<string, double>> Metrics(RunResult result) =>
        result.Suites.ToDictionary(s => s.Name, s => s.Metrics.ToDictionary(m => m.Key, m => m.Value));
}
