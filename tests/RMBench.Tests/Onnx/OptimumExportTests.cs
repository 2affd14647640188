using System.Text.Json;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

public class OptimumExportTests
{
    [Fact]
    public void Export_writes_model_config_and_copies_tokenizer_files()
    {
        var tokenizer = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(tokenizer, "tokenizer.json"), "{}");
        File.WriteAllText(Path.Combine(tokenizer, "tokenizer_config.json"), "{}");
        var dir = Path.Combine(TestPaths.NewTempDirectory(), "export");

        OptimumExport.Write(dir, ProbeModels.MultiLabel(7, padTokenId: 3), tokenizer);

        Assert.True(File.Exists(Path.Combine(dir, "model.onnx")));
        Assert.False(File.Exists(Path.Combine(dir, "model.onnx_data")));
        Assert.True(File.Exists(Path.Combine(dir, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(dir, "tokenizer_config.json")));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "config.json")));
        var root = config.RootElement;
        Assert.Equal(3, root.GetProperty("pad_token_id").GetInt32());
        Assert.Equal(3, root.GetProperty("num_labels").GetInt32());
        Assert.Equal("count", root.GetProperty("id2label").GetProperty("1").GetString());
        Assert.Equal(2, root.GetProperty("label2id").GetProperty("negative_length").GetInt32());
        Assert.Equal([[4f, 1f, -4f]], OrtRun.Logits(Path.Combine(dir, "model.onnx"), [[7, 1, 2, 3]], padId: 3));
    }

    [Fact]
    public void Export_with_external_data_writes_model_onnx_data()
    {
        var dir = TestPaths.NewTempDirectory();
        OptimumExport.Write(dir, TransformerDecoderRm.Build(new TransformerShape()), externalData: ExternalDataPolicy.Always);
        Assert.True(File.Exists(Path.Combine(dir, "model.onnx_data")));
        Assert.All(OrtRun.Column(OrtRun.Logits(Path.Combine(dir, "model.onnx"), [[1, 2, 3]])), s => Assert.True(float.IsFinite(s)));
    }
}
