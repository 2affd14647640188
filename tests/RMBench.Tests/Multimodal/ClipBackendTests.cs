using RMBench.Core.Errors;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Multimodal;

/// <summary>`--model onnx-clip:DIR` through the real CLI: every wrong directory is exit 3 with a message naming what is wrong.</summary>
public class ClipBackendTests
{
    [Fact]
    public async Task The_backend_is_listed_with_its_usage()
    {
        var models = await Cli.Cli.RunAsync("models");

        Assert.Equal(0, models.ExitCode);
        Assert.Contains("onnx-clip:DIR", models.Out);
    }

    [Fact]
    public async Task A_missing_directory_or_model_file_is_invalid_input()
    {
        var dir = TestPaths.NewTempDirectory();

        var missing = await RunAsync(Path.Combine(dir, "nope"));
        var empty = await RunAsync(dir);

        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("model directory not found", missing.Err);
        Assert.Equal(ExitCodes.InvalidInput, empty.ExitCode);
        Assert.Contains($"{Path.Combine(dir, "model.onnx")}: not found: an onnx-clip directory needs model.onnx", empty.Err);
    }

    [Fact]
    public async Task A_text_reward_model_graph_is_refused_as_not_clip_style()
    {
        var dir = TestPaths.NewTempDirectory();
        OnnxModelWriter.Save(ProbeModels.RealTokenCount().Graph, Path.Combine(dir, "model.onnx"));

        var run = await RunAsync(dir);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("is not a CLIP-style graph: input 'pixel_values' is missing", run.Err);
        Assert.Contains("output 'logits_per_image' is missing", run.Err);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public async Task A_crop_size_that_does_not_fit_the_graph_is_refused()
    {
        var dir = TestPaths.NewTempDirectory();
        OnnxModelWriter.Save(TinyClip.Graph(), Path.Combine(dir, "model.onnx"));
        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), """{ "size": {"shortest_edge": 200}, "crop_size": 196 }""");

        var run = await RunAsync(dir);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("input 'pixel_values' has shape [batch, 3, 224, 224] but the preprocessor makes [batch, 3, 196, 196]", run.Err);
    }

    private static Task<Cli.CliResult> RunAsync(string modelDir) =>
        Cli.Cli.RunAsync("run", "--model", $"onnx-clip:{modelDir}", "--suite", "multimodal",
            "--suites-dir", Path.Combine(TestPaths.RepoRoot, "suites"), "--out", TestPaths.NewTempDirectory());
}
