using RMBench.Core.Results;
using RMBench.Onnx.Baseline;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Onnx.Baseline;

public class BuiltInBaselineTests
{
    private static readonly string CommittedModel = Path.Combine(TestPaths.RepoRoot, "src", "RMBench.Onnx", "Baseline", "Model");

    [Fact]
    public async Task The_embedded_baseline_is_exactly_what_the_recipe_trains_on_the_bundled_training_split()
    {
        var retrained = TestPaths.NewTempDirectory();

        await BaselineRecipe.TrainAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "general-train.parquet"), retrained);

        foreach (var file in new[] { "model.onnx", "config.json", "tokenizer_config.json" })
            Assert.True(File.ReadAllBytes(Path.Combine(CommittedModel, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(retrained, file))),
                $"{file} differs from a fresh training run: regenerate with `dotnet run --project tools/RMBench.DataGen -- baseline`");
        // What the backend materialises from the assembly is the committed directory.
        var materialised = BaselineBackend.Materialize();
        Assert.Equal("baseline", Path.GetFileName(materialised));
        Assert.Equal(File.ReadAllBytes(Path.Combine(CommittedModel, "model.onnx")), File.ReadAllBytes(Path.Combine(materialised, "model.onnx")));
    }

    [Fact]
    public async Task Run_without_a_model_scores_the_onnx_baseline_and_it_beats_chance_on_the_held_out_suite()
    {
        var outRoot = TestPaths.NewTempDirectory();

        var run = await Cli.Cli.RunAsync("run", "--suite", "general", "--out", outRoot, "--bootstrap", "500");

        Assert.True(run.ExitCode == 0, run.All);
        var results = Directory.EnumerateFiles(outRoot, "run.json", SearchOption.AllDirectories).Select(RunJson.Load).ToDictionary(r => r.Model.Id);
        Assert.Equal(["baseline", "length", "random"], results.Keys.Order());
        var baseline = results["baseline"];
        Assert.Equal("onnx", baseline.Model.Backend);
        Assert.Equal("raw", baseline.Model.Settings["template"]);
        var headline = Headline(baseline);
        Assert.True(headline.CiLow > 0.5, $"baseline general {headline.Value} [{headline.CiLow}, {headline.CiHigh}] must exclude 0.5");
        Assert.True(headline.CiLow > Headline(results["random"]).CiHigh, "the baseline's interval lies above random's");
    }

    private static MetricResult Headline(RunResult result)
    {
        var suite = result.Suites.Single(s => s.Name == "general");
        return suite.Metrics.Single(m => m.Key == suite.Headline);
    }
}
