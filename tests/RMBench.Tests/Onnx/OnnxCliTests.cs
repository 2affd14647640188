using RMBench.Core.Data;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Onnx;

/// <summary>`rmbench run --model onnx:DIR` through the real CLI: every bad folder is exit 3 with one clear message.</summary>
public class OnnxCliTests
{
    private static async Task<CliResult> RunAsync(string modelDir, params string[] extra)
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(6));
        return await Cli.Cli.RunAsync(["run", "--suite", data, "--model", $"onnx:{modelDir}", "--out", Path.Combine(dir, "out"), "--bootstrap", "10", .. extra]);
    }

    private static void AssertInputError(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 3, result.All);
        Assert.DoesNotContain("   at ", result.All); // no stack trace
        foreach (var fragment in fragments) Assert.Contains(fragment, result.Err);
    }

    [Fact]
    public async Task Missing_model_onnx_is_exit_3()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        File.Move(Path.Combine(dir, "model.onnx"), Path.Combine(dir, "model_quantized.onnx"));
        AssertInputError(await RunAsync(dir), "no model.onnx", "found model_quantized.onnx");
    }

    [Fact]
    public async Task Missing_folder_is_exit_3()
    {
        AssertInputError(await RunAsync(Path.Combine(TestPaths.NewTempDirectory(), "nope")), "folder not found");
    }

    [Fact]
    public async Task Bad_config_json_is_exit_3_naming_the_file()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), "{ \"pad_token_id\": ");
        AssertInputError(await RunAsync(dir), "config.json", "is not valid JSON");

        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), "{ \"pad_token_id\": \"zero\", \"id2label\": {\"0\": \"a\", \"2\": \"b\"} }");
        AssertInputError(await RunAsync(dir), "column 'pad_token_id'", "column 'id2label'", "2 problems");
    }

    [Fact]
    public async Task Corrupt_model_or_missing_external_data_is_exit_3()
    {
        var corrupt = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        await File.WriteAllTextAsync(Path.Combine(corrupt, "model.onnx"), "not a protobuf");
        AssertInputError(await RunAsync(corrupt), "model.onnx: ONNX Runtime cannot load it on cpu");

        var external = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape()), externalData: ExternalDataPolicy.Always);
        File.Delete(Path.Combine(external, "model.onnx_data"));
        AssertInputError(await RunAsync(external), "model.onnx: ONNX Runtime cannot load it on cpu");
    }

    [Fact]
    public async Task Graph_without_logits_is_exit_3()
    {
        var b = new GraphBuilder("no_logits");
        var inputs = RmContract.Declare(b);
        b.Output(b.Cast(inputs.Mask, TensorType.Float), "scores", TensorType.Float, "batch", "seq");
        var dir = OnnxTestModels.Export(new BuiltModel(b.Build(), new OptimumConfig("bert", 1, 0, 512)));
        AssertInputError(await RunAsync(dir), "graph has no output 'logits' (outputs: scores)");
    }

    [Fact]
    public async Task Num_labels_that_disagree_with_the_graph_are_exit_3()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount(), c => { c["id2label"] = new System.Text.Json.Nodes.JsonObject { ["0"] = "a", ["1"] = "b" }; c.Remove("num_labels"); });
        AssertInputError(await RunAsync(dir), "say 2 labels but the graph's logits have 1 columns");
    }

    [Fact]
    public async Task Multi_label_model_without_label_is_exit_3_naming_the_option()
    {
        var dir = OnnxTestModels.Export(ProbeModels.MultiLabel(tokenId: 1));
        AssertInputError(await RunAsync(dir), "--label", "3 labels");
    }

    [Fact]
    public async Task Device_cuda_without_the_gpu_runtime_is_one_clear_message()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        var result = await RunAsync(dir, "--device", "cuda");
        AssertInputError(result, "error: invalid input\n", "--device: 'cuda:0' is not available: ONNX Runtime could not add its CUDA execution provider", "-p:OnnxRuntimeGpu=true");
        Assert.Single(result.Err.Split('\n'), line => line.Contains("OnnxRuntimeGpu"));
    }

    [Fact]
    public async Task Valid_folder_reaches_the_tokenizer_loader()
    {
        // Until the tokenizer loader lands, the placeholder refuses every folder: the graph and config
        // checks above passed, and the failure names the folder (exit 3, no stack trace).
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        AssertInputError(await RunAsync(dir, "--label", "0", "--threads", "1", "--truncation", "right"), dir);
    }

    [Fact]
    public async Task Bad_backend_options_are_exit_3()
    {
        var dir = OnnxTestModels.Export(ProbeModels.RealTokenCount());
        AssertInputError(await RunAsync(dir, "--truncation", "middle"));
        AssertInputError(await RunAsync(dir, "--batch-tokens", "0"), "--batch-tokens");
        AssertInputError(await RunAsync(dir, "--device", "gpu"), "--device");
    }
}
