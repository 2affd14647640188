using RMBench.Core.Results;
using CliRunner = RMBench.Tests.Cli.Cli;

namespace RMBench.Tests.RewardBench2;

/// <summary>`rmbench run --suite general` end to end on the bundled data, with the length and random baselines.</summary>
public class GeneralSuiteRunTests
{
    private static readonly string[] BonSubsets = ["bon-factuality", "bon-precise-if", "bon-math", "bon-focus"];

    private static async Task<Dictionary<string, RunResult>> RunAsync(string dir, params string[] extra)
    {
        var run = await CliRunner.RunAsync(["run", "--model", "length", "--model", "random", "--out", dir, "--bootstrap", "200", "--no-cache", .. extra]);
        Assert.True(run.ExitCode == 0, run.All);
        return Directory.EnumerateFiles(dir, "run.json", SearchOption.AllDirectories)
            .Select(RunJson.Load).ToDictionary(r => r.Model.Id);
    }

    [Fact]
    public async Task General_runs_rewardbench_2_next_to_unchanged_rewardbench_v1_sections()
    {
        var root = TestPaths.NewTempDirectory();
        var runs = await RunAsync(Path.Combine(root, "all"), "--suite", "general");

        // The same v1 data and sections without the RewardBench 2 datasets, as a separate suite.
        var v1Suites = Path.Combine(root, "suites", "general-v1");
        Directory.CreateDirectory(v1Suites);
        var manifest = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "suites", "general", "suite.json"));
        var v1Manifest = System.Text.Json.Nodes.JsonNode.Parse(manifest)!.AsObject();
        v1Manifest["name"] = "general-v1";
        v1Manifest.Remove("metrics");
        v1Manifest.Remove("options");
        v1Manifest["datasets"] = System.Text.Json.Nodes.JsonNode.Parse(
            $$"""[{ "path": {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(TestPaths.RepoRoot, "datasets", "general.parquet"))}}, "kind": "pairwise" }]""");
        await File.WriteAllTextAsync(Path.Combine(v1Suites, "suite.json"), v1Manifest.ToJsonString());
        var v1Runs = await RunAsync(Path.Combine(root, "v1"), "--suite", "general-v1", "--suites-dir", Path.Combine(root, "suites"));

        foreach (var model in new[] { "length", "random" })
        {
            var suite = runs[model].Suites.Single();
            var metrics = suite.Metrics.ToDictionary(m => m.Key);
            Assert.Equal(496 + 200 + 120, suite.Counts.Items);
            Assert.Equal("overall", suite.Headline);
            // v1 sections and overall are exactly those of the v1 data alone.
            var v1 = v1Runs[model].Suites.Single().Metrics.ToDictionary(m => m.Key);
            foreach (var key in new[] { "overall", "section:Chat", "section:Chat Hard", "section:Safety", "section:Reasoning" })
                Assert.Equal(v1[key].Value, metrics[key].Value);
            Assert.All(BonSubsets.Append("ties"), s => Assert.Null(suite.Subsets.Single(x => x.Name == s).Section));
            // The RewardBench 2 part has its own score, and the Ties metric its terms, each with an interval.
            foreach (var key in new[] { "rewardbench2", "ties", "ties:ref_accuracy", "ties:tied_accuracy", "ties:preferred", "ties:preferred_hard", "ties:margin" })
                Assert.True(metrics[key].CiLow <= metrics[key].Value && metrics[key].Value <= metrics[key].CiHigh, $"{model} {key}");
            Assert.Equal(200 + 120, metrics["rewardbench2"].N);
        }

        // random sits near chance on the best-of-4 subsets: 1 in 4.
        var random = runs["random"].Suites.Single();
        var bonMean = BonSubsets.Average(s => random.Subsets.Single(x => x.Name == s).Accuracy);
        Assert.InRange(bonMean, 0.18, 0.32);
        Assert.All(BonSubsets, s => Assert.InRange(random.Subsets.Single(x => x.Name == s).Accuracy, 0.05, 0.5));

        // length cannot separate answers written in one template: no Ties row has every correct answer strictly longer.
        var length = runs["length"].Suites.Single().Metrics.ToDictionary(m => m.Key);
        Assert.InRange(length["ties:ref_accuracy"].Value, 0, 0.1);
        Assert.InRange(length["ties"].Value, -0.01, 0.1);
    }
}
