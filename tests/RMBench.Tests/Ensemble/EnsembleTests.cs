using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Models;
using RMBench.Core.Models.Ensemble;
using RMBench.Core.Suites;
using RMBench.Tests.Cli;
using SkiaSharp;

namespace RMBench.Tests.Ensemble;

/// <summary>Ensembles: the combination rules by hand, standardisation over the run's requests, run.json, and members that cannot take a suite.</summary>
public class EnsembleTests
{
    [Fact]
    public void Mean_min_and_uwo_combine_as_computed_by_hand()
    {
        double[] scores = [1, 2, 6]; // mean 3, population variance (4 + 1 + 9) / 3 = 14/3
        Assert.Equal(3, EnsembleCombine.Parse("mean").Apply(scores), 12);
        Assert.Equal(1, EnsembleCombine.Parse("min").Apply(scores), 12);
        Assert.Equal(3 - 14.0 / 3, EnsembleCombine.Parse("uwo").Apply(scores), 12);
        Assert.Equal(3 - 0.5 * 14 / 3, EnsembleCombine.Parse("uwo:0.5").Apply(scores), 12);
        Assert.True(double.IsNaN(EnsembleCombine.Parse("mean").Apply([1, double.NaN])));
        Assert.Throws<RMBench.Core.Errors.InputException>(() => EnsembleCombine.Parse("uwo:-1"));
        Assert.Throws<RMBench.Core.Errors.InputException>(() => EnsembleCombine.Parse("max"));
    }

    [Fact]
    public async Task Members_are_standardised_over_the_run_requests_before_combining()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", Datasets.Pairs(10));
        var suites = await SuiteLoader.Default.LoadAsync([await AdHocSuite.ForFileAsync(path, SuiteLoader.Default.Kinds, default)], default);
        var options = new ModelOptions { Extra = new Dictionary<string, string> { ["ensemble"] = "min" } };
        await using var ensemble = (EnsembleModel)await ModelRegistry.Default.CreateAsync("ensemble:length,random:7", options, default);
        await ensemble.PrepareAsync(suites, 4, default);

        var requests = (await suites[0].Items.ReadAllAsync()).SelectMany(i => i.Requests).Select(r => r.Request).DistinctBy(r => r.Hash).ToList();
        var batch = requests.Select(r => new ScoringBatchEntry(r, [])).ToList();
        await using var length = await ModelRegistry.Default.CreateAsync("length", new ModelOptions(), default);
        await using var random = await ModelRegistry.Default.CreateAsync("random:7", new ModelOptions(), default);
        var (a, b) = (await length.ScoreAsync(batch, default), await random.ScoreAsync(batch, default));
        static double[] Z(float[] s)
        {
            var mean = s.Average(v => (double)v);
            var std = Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / s.Length);
            return [.. s.Select(v => (v - mean) / std)];
        }
        var (za, zb) = (Z(a), Z(b));
        var combined = await ensemble.ScoreAsync(batch, default);
        for (var i = 0; i < batch.Count; i++) Assert.Equal(Math.Min(za[i], zb[i]), combined[i], 1e-5);

        var report = ensemble.Report;
        Assert.Equal(["length", "random:7"], report.Members.Select(m => m.Spec));
        Assert.Equal(a.Average(v => (double)v), report.Members[0].Mean, 6);
        Assert.Equal(20, report.Members[0].Requests);
        var agreement = Assert.Single(report.Agreement);
        Assert.Equal((suites[0].Name, 0, 1, 10), (agreement.Suite, agreement.A, agreement.B, agreement.Items));
        Assert.False(ensemble.Info.Cacheable); // the scores depend on the run's set of requests
    }

    [Fact]
    public async Task A_run_records_the_members_and_their_agreement_in_run_json()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(12));
        var result = await Cli.Cli.RunAsync(["run", "--suite", data, "--model", "ensemble:length,length", "--ensemble", "uwo:0.5", "--out", Path.Combine(dir, "out"), "--bootstrap", "10"]);
        Assert.True(result.ExitCode == 0, result.All);
        var runJson = Directory.GetFiles(Path.Combine(dir, "out", "runs"), "run.json", SearchOption.AllDirectories).Single();
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(runJson));
        var ensemble = doc.RootElement.GetProperty("ensemble");
        Assert.Equal("uwo:0.5", ensemble.GetProperty("combine").GetString());
        Assert.Equal("length", ensemble.GetProperty("members")[1].GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(1.0, ensemble.GetProperty("agreement")[0].GetProperty("agreement").GetDouble()); // a model agrees with itself
        // Two identical standardised members: the ensemble scores like length alone.
        var accuracy = doc.RootElement.GetProperty("suites")[0].GetProperty("metrics")[0].GetProperty("value").GetDouble();
        Assert.Equal(8.0 / 12, accuracy, 12);
    }

    [Fact]
    public async Task A_member_that_cannot_take_a_suite_is_exit_3_with_one_clear_message()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "images.parquet");
        var red = Multimodal.TestImages.Solid(8, 8, SKColors.Red);
        var blue = Multimodal.TestImages.Solid(8, 8, SKColors.Blue);
        await ParquetDatasetWriter.WriteAsync(data, "image-pair", [new CanonicalRow { Id = "a", Subset = "s", Prompt = "red", ChosenImage = red, RejectedImage = blue }]);
        var result = await Cli.Cli.RunAsync(["run", "--suite", data, "--model", "ensemble:random,length", "--out", Path.Combine(dir, "out"), "--bootstrap", "10"]);
        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("ensemble member 'length' cannot take suite", result.Err);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")), "nothing is written before the check");
    }
}
