using System.Text.Json.Nodes;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

/// <summary>Optimum-style export folders built with the graph builder, opened with a test encoder.</summary>
public static class OnnxTestModels
{
    /// <summary>Writes the model to a new folder; <paramref name="editConfig"/> may change config.json (e.g. a wrong pad id).</summary>
    public static string Export(BuiltModel model, Action<JsonObject>? editConfig = null, ExternalDataPolicy? externalData = null)
    {
        var dir = Path.Combine(TestPaths.NewTempDirectory("rmbench-onnx"), "model");
        OptimumExport.Write(dir, model, externalData: externalData);
        if (editConfig is not null)
        {
            var path = Path.Combine(dir, OptimumExport.ConfigFile);
            var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            editConfig(config);
            File.WriteAllText(path, config.ToJsonString());
        }
        return dir;
    }

    public static Task<OnnxRewardModel> OpenAsync(string dir, WordTestEncoder? encoder = null, OnnxSettings? settings = null) =>
        OnnxRewardModel.OpenAsync(dir, settings ?? new OnnxSettings { Threads = 1 }, _ => encoder ?? new WordTestEncoder(), CancellationToken.None);

    public static ScoringRequest Request(string prompt, string response, string? system = null) =>
        new(system, [new Turn("user", prompt)], response);
}
