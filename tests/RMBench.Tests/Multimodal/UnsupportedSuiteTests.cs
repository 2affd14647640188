using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Tests.Running;

namespace RMBench.Tests.Multimodal;

/// <summary>Models score only the items they can take; a suite they can take none of is reported unsupported, not faked.</summary>
public class UnsupportedSuiteTests
{
    private static readonly string SuitesDir = Path.Combine(TestPaths.RepoRoot, "suites");

    [Fact]
    public async Task Run_multimodal_with_the_default_baselines_reports_length_unsupported_and_scores_random()
    {
        var dir = TestPaths.NewTempDirectory();

        var run = await Cli.Cli.RunAsync("run", "--suite", "multimodal", "--suites-dir", SuitesDir, "--out", dir, "--bootstrap", "200");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("multimodal     unsupported by this model: 270 of 270 items need images, which model 'length' does not take (takes text)", run.Out);
        var length = RunJson.Load(RunJsonOf(dir, "length"));
        var suite = Assert.Single(length.Suites);
        Assert.Equal(("complete", SuiteStatus.Unsupported, 0, 270), (length.Status, suite.Status, suite.Counts.Items, suite.Counts.Unsupported));
        Assert.Empty(suite.Metrics);
        Assert.Equal(0, length.Counts.ModelCalls);
        var summary = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(RunJsonOf(dir, "length"))!, "summary.md"));
        Assert.Contains("| multimodal | overall | unsupported by this model | n/a | 0 | 0 | 0 |", summary);
        Assert.Contains("**Unsupported by this model**: 270 of 270 items need images", summary);

        // random takes images: a chance reference over both image kinds.
        var random = Assert.Single(RunJson.Load(RunJsonOf(dir, "random")).Suites);
        Assert.Equal((SuiteStatus.Scored, 270, 0, (string?)null), (random.Status, random.Counts.Items, random.Counts.Unsupported, random.StatusNote));
        var overall = random.Metrics.Single(m => m.Key == "overall");
        Assert.InRange(overall.Value, 0.35, 0.65);
        Assert.True(overall.CiLow < 0.5 && 0.5 < overall.CiHigh, $"chance inside [{overall.CiLow}, {overall.CiHigh}]");
        Assert.Matches(@"multimodal     overall 0\.\d{4} \[95% CI", run.Out);
    }

    [Fact]
    public async Task An_image_only_model_scores_the_image_suite_and_reports_the_text_suite_unsupported()
    {
        var suites = await SuiteLoader.Default.LoadAsync([SuiteManifest.Load(Path.Combine(SuitesDir, "multimodal", "suite.json"))], CancellationToken.None);
        var model = new ImageSizeModel();

        var output = await new Runner(SuiteLoader.Default).RunAsync(model, [SuiteFixtures.Pairs("text", 12), suites[0]],
            new RunOptions { OutputRoot = TestPaths.NewTempDirectory(), CacheDirectory = null, Bootstrap = new(Resamples: 100) }, null, CancellationToken.None);

        var (text, images) = (output.Result.Suites[0], output.Result.Suites[1]);
        Assert.Equal((SuiteStatus.Unsupported, 12, 0), (text.Status, text.Counts.Unsupported, text.Counts.Items));
        Assert.Equal("12 of 12 items need text, which model 'image-size' does not take (takes images)", text.StatusNote);
        Assert.Equal((SuiteStatus.Scored, 270), (images.Status, images.Counts.Items));
        Assert.Equal(output.Result.Counts.UniqueRequests, model.Scored);
        Assert.All(await output.ReadScoresAsync(), s => Assert.Equal("multimodal", s.Suite));
        Assert.Equal("complete", output.Result.Status);
    }

    [Fact]
    public async Task Items_need_images_exactly_when_a_request_carries_one()
    {
        var text = await SuiteFixtures.Pairs("text", 3).Items.ReadAllAsync();
        var images = (await SuiteLoader.Default.LoadAsync([SuiteManifest.Load(Path.Combine(SuitesDir, "multimodal", "suite.json"))], CancellationToken.None))[0];

        Assert.All(text, i => Assert.Equal(ModelCapabilities.Text, SuiteSupport.Needs(i)));
        Assert.All(await images.Items.ReadAllAsync(), i => Assert.Equal(ModelCapabilities.Images, SuiteSupport.Needs(i)));
    }

    private static string RunJsonOf(string outRoot, string model) =>
        Directory.EnumerateFiles(Path.Combine(outRoot, "runs", model), "run.json", SearchOption.AllDirectories).Single();

    /// <summary>An image-only test model: score = the image's byte count (it has a real, if useless, opinion about images).</summary>
    private sealed class ImageSizeModel : IRewardModel
    {
        public int Scored { get; private set; }
        public ModelInfo Info { get; } = new() { Id = "image-size", Backend = "test", Digest = "v1", Capabilities = ModelCapabilities.Images };

        public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            Scored += batch.Count;
            return Task.FromResult(batch.Select(e => (float)e.Request.Images.Single().Length).ToArray());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
