using System.Text.Json;
using System.Text.Json.Nodes;
using RMBench.Core.Data;
using RMBench.Core.Requests;
using RMBench.Core.Suites.Kinds;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Text;

namespace RMBench.Onnx.Baseline;

/// <summary>
/// How the built-in baseline is made: the pairs of the bundled training split
/// (datasets/general-train.parquet, disjoint from every suite's items) are encoded exactly as the
/// baseline's own export directory encodes requests at scoring time (cl100k tokenizer, `raw` template),
/// hashed into n-gram slots, fitted by <see cref="BradleyTerryTrainer"/>, and written as an optimum-style
/// directory that the `onnx` backend loads like any user model. Deterministic end to end: the same
/// training file gives the same model.onnx bytes.
/// </summary>
public static class BaselineRecipe
{
    public const string TokenizerConfigFile = "tokenizer_config.json";
    /// <summary>cl100k's &lt;|endoftext|&gt;: pads are masked out by the graph, any id would do, this one is honest.</summary>
    public const int PadTokenId = 100257;
    public const int MaxLength = 8192;

    /// <summary>Writes config.json and tokenizer_config.json (what the text encoder needs) into <paramref name="directory"/>.</summary>
    public static void WriteConfigs(string directory)
    {
        Directory.CreateDirectory(directory);
        var options = new JsonSerializerOptions { WriteIndented = true };
        var config = new OptimumConfig("rmbench-ngram", NumLabels: 1, PadTokenId, MaxLength, Labels: ["reward"], Architecture: "RMBenchNgramBaseline");
        File.WriteAllText(Path.Combine(directory, OptimumExport.ConfigFile), config.ToJson().ToJsonString(options) + "\n");
        var tokenizer = new JsonObject
        {
            ["tokenizer_class"] = "TiktokenTokenizer",
            ["encoding"] = "cl100k_base",
            ["model_max_length"] = MaxLength,
            ["chat_template"] = null,
        };
        File.WriteAllText(Path.Combine(directory, TokenizerConfigFile), tokenizer.ToJsonString(options) + "\n");
    }

    /// <summary>Trains on <paramref name="trainingParquet"/> and writes the complete model directory.</summary>
    public static async Task<float[]> TrainAsync(string trainingParquet, string directory, TrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        WriteConfigs(directory);
        var encoder = TextEncoderLoader.Load(directory, new TextOptions(ChatTemplate: "raw"));
        var dataset = await ParquetDatasetReader.ReadAsync(trainingParquet, new PairwiseKind().Schema, cancellationToken);
        var pairs = dataset.Rows.Select(row =>
        {
            var turns = KindRows.Turns(row);
            int[] Slots(string response) => NgramHashing.Slots(encoder.Encode(new ScoringRequest(row.System, turns, response)).Ids);
            return new PreferencePair(Slots(row.String("chosen")), Slots(row.String("rejected")));
        }).ToList();
        var weights = BradleyTerryTrainer.Train(pairs, options);
        OnnxModelWriter.Save(BaselineGraph.Build(weights), Path.Combine(directory, OptimumExport.ModelFile), ExternalDataPolicy.Never);
        return weights;
    }
}
