using System.Buffers.Binary;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Data;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Baseline;
using RMBench.Onnx.Text;
using RMBench.Remote.KServe;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Remote;

/// <summary>
/// `kserve:` against a Triton-shaped server (written in the tests) that serves the built-in baseline's ONNX
/// graph with INT64 input_ids/attention_mask, as Triton serves an optimum export: the tensors RMBench sends are
/// the onnx backend's tokenization, and the scores are the in-process scores in the output's datatype.
/// </summary>
public class KServeTritonTests
{
    private static readonly (string, string, long[])[] TokenInputs = [("input_ids", "INT64", [-1, -1]), ("attention_mask", "INT64", [-1, -1])];

    public static List<ScoringRequest> Requests() =>
    [
        new(null, [new Turn("user", "What is 2+2?")], "4"),
        new("Be brief.", [new Turn("user", "Name a colour.")], "Blue, like the sky on a clear summer day."),
        new(null, [new Turn("user", "Hi"), new Turn("assistant", "Hello! How can I help?"), new Turn("user", "Tell me a joke.")],
            "Why did the scarecrow win an award? Because he was outstanding in his field."),
        new(null, [new Turn("user", "Translate 'chat' from French.")], "cat"),
        new(null, [new Turn("user", "Écris un haïku.")], "Vieil étang — une grenouille plonge, le bruit de l'eau. 🐸"),
    ];

    /// <summary>Runs the baseline graph on the received tensors; the logit x goes out as [x, 2x, -x] for three columns.</summary>
    private static Func<IReadOnlyDictionary<string, RawTensor>, (string, RawTensor)> BaselineServer(InferenceSession session, string datatype, long[] outputShape)
    {
        return inputs =>
        {
            var ids = inputs["input_ids"];
            var mask = inputs["attention_mask"];
            using var idValue = OrtValue.CreateTensorValueFromMemory(ids.Int64s(), ids.Shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask.Int64s(), mask.Shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, new Dictionary<string, OrtValue> { ["input_ids"] = idValue, ["attention_mask"] = maskValue }, ["logits"]);
            var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            var rows = (int)ids.Shape[0];
            var columns = outputShape.Length == 2 ? (int)outputShape[1] : 1;
            var values = new List<float>();
            for (var r = 0; r < rows; r++)
                values.AddRange(columns == 3 ? [logits[r], 2 * logits[r], -logits[r]] : [logits[r]]);
            long[] shape = outputShape.Length == 1 ? [rows] : [rows, columns];
            return ("logits", new RawTensor(datatype, shape, Encode(datatype, values)));
        };
    }

    private static byte[] Encode(string datatype, List<float> values)
    {
        var size = datatype == "FP32" ? 4 : 2;
        var data = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
            switch (datatype)
            {
                case "FP32": BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]); break;
                case "FP16": BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(i * 2), (Half)values[i]); break;
                case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), Bfloat16.FromSingle(values[i])); break;
            }
        return data;
    }

    private static float RoundTo(string datatype, float value) => datatype switch
    {
        "FP16" => (float)(Half)value,
        "BF16" => Bfloat16.ToSingle(Bfloat16.FromSingle(value)),
        _ => value,
    };

    [Theory]
    [InlineData("FP32", "rest", 2, null)]
    [InlineData("FP16", "grpc", 1, null)]
    [InlineData("BF16", "rest", 2, null)]
    [InlineData("FP32", "grpc", 3, "1")]
    public async Task Token_inputs_are_the_onnx_tokenization_and_scores_the_in_process_scores(string datatype, string transport, int outputColumns, string? label)
    {
        var baselineDir = BaselineBackend.Materialize();
        using var session = new InferenceSession(Path.Combine(baselineDir, "model.onnx"));
        long[] outputShape = outputColumns switch { 1 => [-1], 2 => [-1, 1], _ => [-1, 3] };
        await using var server = await TritonShapedServer.StartAsync("rm_onnx", TokenInputs, [("logits", datatype, outputShape)], BaselineServer(session, datatype, outputShape));
        var url = transport == "grpc" ? server.GrpcAddress.ToString().TrimEnd('/') : server.RestAddress.ToString().TrimEnd('/');
        var extra = new Dictionary<string, string> { ["tokenizer"] = baselineDir };
        if (label is not null) extra["label"] = label;
        await using var remote = await ModelRegistry.Default.CreateAsync($"kserve:{url}#rm_onnx", new ModelOptions { Extra = extra }, CancellationToken.None);
        await using var local = await ModelRegistry.Default.CreateAsync("baseline", new ModelOptions(), CancellationToken.None);

        var requests = Requests();
        var batch = requests.Select(r => new ScoringBatchEntry(r, [])).ToList();
        // Measured first, as the runner does: the same token counts as the onnx backend.
        Assert.Equal(requests.Select(((ITokenizingModel)local).Measure), requests.Select(((ITokenizingModel)remote).Measure));
        var scores = await remote.ScoreAsync(batch, CancellationToken.None);
        var expected = await local.ScoreAsync(batch, CancellationToken.None);
        Assert.Equal(expected.Select(v => RoundTo(datatype, label == "1" ? 2 * v : v)), scores);

        var received = Assert.Single(server.Received);
        var encoder = TextEncoderLoader.Load(baselineDir, new TextOptions());
        var pad = ModelConfig.Load(Path.Combine(baselineDir, "config.json")).PadTokenId;
        var encoded = requests.Select(encoder.Encode).ToList();
        var width = encoded.Max(e => e.Ids.Length);
        Assert.Equal([requests.Count, width], received["input_ids"].Shape);
        Assert.Equal(encoded.SelectMany(e => e.Ids.Select(i => (long)i).Concat(Enumerable.Repeat((long)pad, width - e.Ids.Length))), received["input_ids"].Int64s());
        Assert.Equal(encoded.SelectMany(e => Enumerable.Repeat(1L, e.Ids.Length).Concat(Enumerable.Repeat(0L, width - e.Ids.Length))), received["attention_mask"].Int64s());
        Assert.Equal("kserve", remote.Info.Backend);
        Assert.Equal("1", remote.Info.Settings["server_version"]);
        Assert.Equal("tokens (input_ids, attention_mask)", remote.Info.Settings["input"]);
    }

    private static async Task<CliResult> RunCliAsync(string spec, params string[] extra)
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(4));
        return await Cli.Cli.RunAsync(["run", "--suite", data, "--model", spec, "--out", Path.Combine(dir, "out"), "--bootstrap", "10", .. extra]);
    }

    internal static void AssertInputError(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 3, result.All);
        Assert.DoesNotContain("   at ", result.All);
        foreach (var fragment in fragments) Assert.Contains(fragment, result.Err);
    }

    [Theory]
    [InlineData("tokens-without-tokenizer", "input tensor 'input_ids'", "--tokenizer")]
    [InlineData("int-output", "output tensor 'logits' is INT32")]
    [InlineData("multi-label", "output tensor 'logits' [-1,3]", "--label")]
    [InlineData("image-input", "no usable input", "pixel_values")]
    [InlineData("three-d-output", "output tensor 'logits' has shape [-1,4,2]")]
    [InlineData("fp32-ids", "input tensor 'input_ids' is INT32")]
    public async Task Metadata_that_does_not_fit_is_exit_3_naming_endpoint_and_tensor_before_any_request(string misfit, params string[] fragments)
    {
        (string, string, long[])[] inputs = misfit switch
        {
            "image-input" => [("pixel_values", "FP32", [-1, 3, 224, 224])],
            "fp32-ids" => [("input_ids", "INT32", [-1, -1]), ("attention_mask", "INT64", [-1, -1])],
            _ => TokenInputs,
        };
        (string, string, long[])[] outputs = misfit switch
        {
            "int-output" => [("logits", "INT32", [-1, 1])],
            "multi-label" => [("logits", "FP32", [-1, 3])],
            "three-d-output" => [("logits", "FP32", [-1, 4, 2])],
            _ => [("logits", "FP32", [-1, 1])],
        };
        await using var server = await TritonShapedServer.StartAsync("rm", inputs, outputs, _ => throw new InvalidOperationException("no inference expected"));
        var tokenizer = misfit == "tokens-without-tokenizer" ? [] : new[] { "--tokenizer", BaselineBackend.Materialize() };
        AssertInputError(await RunCliAsync($"kserve:{server.RestAddress.ToString().TrimEnd('/')}#rm", tokenizer), [server.RestAddress.Authority, .. fragments]);
        Assert.Equal(0, server.InferCalls);
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("grpc")]
    public async Task Wrong_model_name_is_exit_3_with_the_server_message(string transport)
    {
        await using var server = await TritonShapedServer.StartAsync("rm", TokenInputs, [("logits", "FP32", [-1, 1])], _ => throw new InvalidOperationException());
        var url = transport == "grpc" ? server.GrpcAddress.ToString().TrimEnd('/') : server.RestAddress.ToString().TrimEnd('/');
        AssertInputError(await RunCliAsync($"kserve:{url}#rn"), server.RestAddress.Host, "model 'rn' not found", "unknown model");
    }

    [Theory]
    [InlineData("http")]
    [InlineData("grpc")]
    public async Task Unreachable_server_is_exit_3(string scheme)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nobody listens on now
        AssertInputError(await RunCliAsync($"kserve:{scheme}://127.0.0.1:{port}#rm"), $"127.0.0.1:{port}", "unreachable");
    }
}
