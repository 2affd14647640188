using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

/// <summary>The onnx-clip model class end to end through a real ONNX Runtime session on the tiny CLIP graph.</summary>
public class TinyClipTests
{
    private static readonly byte[] Red = TestImages.Solid(224, 224, SKColors.Red);
    private static readonly byte[] Blue = TestImages.Solid(224, 224, SKColors.Blue);

    [Fact]
    public async Task Logits_are_the_scaled_dot_product_of_colour_and_words_worked_out_by_hand()
    {
        await using var model = TinyClip.Model();

        // Minus normalised white, solid red is (0, -1 / 0.26130258, -1 / 0.27577711) = (0, -3.826981, -3.626117):
        // its red colourfulness is 0 + (3.826981 + 3.626117) / 2 = 3.726549, so "a red circle" scores 37.26549.
        // Solid blue is (-3.722599, -3.826981, 0): red -3.722599 + 3.826981 / 2 = -1.809108 (x 10 = -18.09108),
        // blue (3.722599 + 3.826981) / 2 = 3.774790 (x 10 = 37.74790). "a circle" has no colour word: 0.
        // (Tolerance 0.002: ONNX Runtime averages 50176 float32 pixels.)
        var scores = await model.ScoreAsync([Entry(Red, "a red circle"), Entry(Blue, "a red circle"), Entry(Blue, "a blue square"), Entry(Red, "a circle")], default);

        Assert.Equal(37.26549, scores[0], 0.002);
        Assert.Equal(-18.09108, scores[1], 0.002);
        Assert.Equal(37.74790, scores[2], 0.002);
        Assert.Equal(0, scores[3], 0.002);
    }

    [Fact]
    public async Task A_red_circle_prompt_prefers_the_red_circle_over_the_blue_square()
    {
        await using var model = TinyClip.Model();
        var redCircle = RMBench.DataGen.Multimodal.ShapePainter.Png([new(RMBench.DataGen.Multimodal.Shape.Circle, RMBench.DataGen.Multimodal.NamedColour.All[0], 64, 64, 30)]);
        var blueSquare = RMBench.DataGen.Multimodal.ShapePainter.Png([new(RMBench.DataGen.Multimodal.Shape.Square, RMBench.DataGen.Multimodal.NamedColour.All[2], 64, 64, 30)]);

        var scores = await model.ScoreAsync([Entry(redCircle, "a red circle on white"), Entry(blueSquare, "a red circle on white")], default);

        Assert.True(scores[0] > scores[1], $"red circle {scores[0]} vs blue square {scores[1]}");
    }

    [Fact]
    public async Task A_score_does_not_depend_on_its_batch_beyond_float_rounding()
    {
        await using var model = TinyClip.Model();
        ScoringBatchEntry[] batch = [Entry(Red, "red"), Entry(Blue, "a blue blue square of some length"), Entry(Red, "green purple")];

        var together = await model.ScoreAsync(batch, default);
        var alone = new List<float>();
        foreach (var entry in batch) alone.AddRange(await model.ScoreAsync([entry], default));

        // Equal up to float rounding: ONNX Runtime may sum in another order for another batch shape.
        Assert.Equal(alone.Count, together.Length);
        for (var i = 0; i < together.Length; i++) Assert.Equal(alone[i], together[i], Math.Abs(alone[i]) * 1e-5f);
    }

    [Fact]
    public async Task The_tiny_clip_gets_the_colour_subsets_of_the_bundled_suite_right_through_the_runner()
    {
        var manifest = SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "multimodal", "suite.json"));
        var suites = await SuiteLoader.Default.LoadAsync([manifest], CancellationToken.None);
        await using var model = TinyClip.Model();

        var output = await new Runner(SuiteLoader.Default).RunAsync(model, suites,
            new RunOptions { OutputRoot = TestPaths.NewTempDirectory(), CacheDirectory = null, BatchSize = 16, Bootstrap = new(Resamples: 100) }, null, CancellationToken.None);

        // The toy sees only colour, and every colour word has an embedding that the drawn colour wins:
        // it must be right on every colour item and can only guess on shape, count and position.
        var suite = Assert.Single(output.Result.Suites);
        Assert.Equal((SuiteStatus.Scored, 270, 0), (suite.Status, suite.Counts.Items, suite.Counts.Invalid));
        Assert.Equal(1.0, suite.Subsets.Single(s => s.Name == "pair-colour").Accuracy);
        Assert.Equal(1.0, suite.Subsets.Single(s => s.Name == "answer-colour").Accuracy);
        Assert.Equal(0, suite.Subsets.Single(s => s.Name == "answer-count").Accuracy); // count words have no embedding: every pair ties
    }

    [Fact]
    public async Task A_request_without_exactly_one_image_is_refused_naming_its_item()
    {
        await using var model = TinyClip.Model();
        var entry = new ScoringBatchEntry(new ScoringRequest(null, [new Turn("user", "red")], ""), [new RequestOrigin("general", "item-7", "chosen")]);

        var error = await Assert.ThrowsAsync<RMBench.Core.Errors.InputException>(() => model.ScoreAsync([entry], default));

        Assert.Equal("suite 'general' item 'item-7' (chosen)", error.Problems[0].Source);
        Assert.Equal(ModelCapabilities.Images, model.Info.Capabilities);
    }

    [Fact]
    public async Task The_text_is_cut_to_the_encoders_limit_and_the_cut_is_measured()
    {
        await using var model = TinyClip.Model(maxLength: 2);
        var request = new ScoringRequest(null, [new Turn("user", "q")], "red red blue", [Red]);

        Assert.Equal(new TokenMeasure(2, true), model.Measure(request));
        Assert.Equal(2 * 37.26549, (await model.ScoreAsync([new(request, [])], default))[0], 0.004); // "red red": twice the red logit
    }

    private static ScoringBatchEntry Entry(byte[] image, string prompt) =>
        new(new ScoringRequest(null, [new Turn("user", prompt)], "", [image]), []);
}
