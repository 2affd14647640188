using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Statistics;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Benchmarks;

/// <summary>
/// One ONNX Runtime <c>InferenceSession.Run</c> per batch shape (rows x tokens, no padding), on random-weight
/// BERT-style encoders from the graph builder: "tiny" (2 layers, hidden 32) and "minilm" (all-MiniLM-L6
/// size: 6 layers, hidden 384, 12 heads, 30522 vocab). CPU, graph optimisation "all", default threads: the
/// settings of the onnx backend. Inputs are built once; the benchmark is the Run call alone.
/// </summary>
public class OnnxRunBenchmarks
{
    private InferenceSession _session = null!;
    private OrtValue[] _inputs = [];
    private string[] _inputNames = [];
    private readonly RunOptions _runOptions = new();

    [Params("tiny", "minilm")]
    public string Model { get; set; } = "tiny";

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "1x32";

    public static IEnumerable<string> Shapes => Scale.Dry ? ["1x32", "8x64"] : ["1x32", "1x256", "8x128", "32x128", "32x512"];

    [GlobalSetup]
    public void Setup()
    {
        var shape = Model == "minilm" ? TransformerShape.MiniLm : new TransformerShape(MaxPositions: 512);
        var dir = ModelDirectory(Model, shape);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, InterOpNumThreads = 1 };
        _session = new InferenceSession(Path.Combine(dir, OptimumExport.ModelFile), options);
        var parts = Shape.Split('x');
        var (rows, width) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        var random = new Pcg32(5);
        var ids = Enumerable.Range(0, rows * width).Select(_ => (long)random.NextInt(shape.Vocab)).ToArray();
        long[] dims = [rows, width];
        var inputs = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, dims),
            OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, rows * width).ToArray(), dims),
        };
        var names = new List<string> { RmContract.InputIds, RmContract.AttentionMask };
        if (shape.TypeVocab > 0)
        {
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new long[rows * width], dims));
            names.Add(RmContract.TokenTypeIds);
        }
        (_inputs, _inputNames) = (inputs.ToArray(), names.ToArray());
    }

    [Benchmark(Description = "InferenceSession.Run")]
    public float Run()
    {
        using var outputs = _session.Run(_runOptions, _inputNames, _inputs, [RmContract.Logits]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var input in _inputs) input.Dispose();
        _session.Dispose();
    }

    /// <summary>The export folder of a model, built once per process and shape (MiniLM's 90 MB of weights take a while to generate).</summary>
    private static string ModelDirectory(string name, TransformerShape shape)
    {
        var dir = Path.Combine(Scale.NewTempDirectory("models"), name);
        if (!File.Exists(Path.Combine(dir, OptimumExport.ModelFile))) OptimumExport.Write(dir, TransformerEncoderRm.Build(shape));
        return dir;
    }
}
