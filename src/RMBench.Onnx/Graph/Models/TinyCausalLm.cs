using System.Text.Json;
using System.Text.Json.Nodes;
using RMBench.Core.Statistics;

namespace RMBench.Onnx.Graph.Models;

/// <summary>
/// A GPT-style causal language model with seeded random weights, in the layout optimum exports for
/// `--task text-generation` without past key values: int64 inputs input_ids, attention_mask [batch, seq]
/// (and position_ids when asked for), float output logits [batch, seq, vocab] = MatMul(final hidden state,
/// lm_head [hidden, vocab]). For the onnx-lm tests and memory measurements; <see cref="Write"/> adds a
/// causal-LM config.json.
/// </summary>
public static class TinyCausalLm
{
    /// <param name="positionIds">Declare a position_ids input (Llama/Qwen exports have one) instead of computing positions in the graph.</param>
    public static OnnxGraph Build(TransformerShape shape, bool positionIds = false, float logitScale = 1f)
    {
        var b = new GraphBuilder("causal_lm");
        var l = new Layers(b, new Pcg32(shape.Seed));
        var inputs = RmContract.Declare(b);
        var (_, range) = l.Positions(inputs.Ids);
        var positions = positionIds ? b.Input("position_ids", TensorType.Int64, RmContract.Batch, RmContract.Sequence) : range;

        var x = b.Op("Add", b.Op("Gather", l.Weight("word_embeddings", shape.Vocab, shape.Hidden), inputs.Ids),
            b.Op("Gather", l.Weight("position_embeddings", shape.MaxPositions, shape.Hidden), positions));
        var bias = b.Op("Add", l.PaddingBias(inputs.Mask), l.CausalBias(range));
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            x = b.Op("Add", x, l.SelfAttention(l.LayerNorm(x, shape.Hidden, $"l{layer}_attn_ln"), bias, shape.Hidden, shape.Heads, $"l{layer}_attn"));
            x = b.Op("Add", x, l.FeedForward(l.LayerNorm(x, shape.Hidden, $"l{layer}_ffn_ln"), shape.Hidden, shape.Ffn, $"l{layer}_ffn"));
        }
        x = l.LayerNorm(x, shape.Hidden, "final_ln");
        // Random 0.02-scale weights give nearly uniform next-token distributions; a scale spreads them.
        if (logitScale != 1f) x = b.Op("Mul", x, b.Scalar(logitScale));
        var logits = b.Op("MatMul", x, l.Weight("lm_head", shape.Hidden, shape.Vocab));
        b.Output(logits, RmContract.Logits, TensorType.Float, RmContract.Batch, RmContract.Sequence, shape.Vocab);
        return b.Build();
    }

    /// <summary>The config.json transformers writes for a causal LM (pad id, eos id, positions, vocab size).</summary>
    public static JsonObject Config(TransformerShape shape, int padTokenId, int eosTokenId) => new()
    {
        ["model_type"] = "gpt2",
        ["architectures"] = new JsonArray("GPT2LMHeadModel"),
        ["vocab_size"] = shape.Vocab,
        ["pad_token_id"] = padTokenId,
        ["eos_token_id"] = eosTokenId,
        ["max_position_embeddings"] = shape.MaxPositions,
        ["torch_dtype"] = "float32",
    };

    /// <summary>Writes an export folder: model.onnx (+ model.onnx_data per the policy), config.json and the tokenizer files of another folder.</summary>
    public static void Write(string directory, OnnxGraph graph, JsonObject config, string? tokenizerFilesDirectory = null, ExternalDataPolicy? externalData = null)
    {
        Directory.CreateDirectory(directory);
        OnnxModelWriter.Save(graph, Path.Combine(directory, OptimumExport.ModelFile), externalData);
        File.WriteAllText(Path.Combine(directory, OptimumExport.ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (tokenizerFilesDirectory is null) return;
        foreach (var file in Directory.EnumerateFiles(tokenizerFilesDirectory))
        {
            var name = Path.GetFileName(file);
            if (name is OptimumExport.ModelFile or OptimumExport.ConfigFile || name.StartsWith(OptimumExport.ModelFile + "_", StringComparison.Ordinal)) continue;
            File.Copy(file, Path.Combine(directory, name), overwrite: true);
        }
    }
}
