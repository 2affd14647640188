namespace RMBench.Onnx.Graph.Models;

/// <summary>
/// The optimum text-classification contract every recipe follows: int64 inputs `input_ids`,
/// `attention_mask` (and optionally `token_type_ids`) of shape [batch, seq]; float output `logits`
/// of shape [batch, num_labels].
/// </summary>
public static class RmContract
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string Logits = "logits";
    public const string Batch = "batch";
    public const string Sequence = "seq";

    public sealed record Inputs(string Ids, string Mask, string? TypeIds);

    public static Inputs Declare(GraphBuilder b, bool tokenTypeIds = false) => new(
        b.Input(InputIds, TensorType.Int64, Batch, Sequence),
        b.Input(AttentionMask, TensorType.Int64, Batch, Sequence),
        tokenTypeIds ? b.Input(TokenTypeIds, TensorType.Int64, Batch, Sequence) : null);

    public static void DeclareLogits(GraphBuilder b, string value, int numLabels) =>
        b.Output(value, Logits, TensorType.Float, Batch, numLabels);
}

/// <summary>A recipe's result: the graph and the config.json that describes it.</summary>
public sealed record BuiltModel(OnnxGraph Graph, OptimumConfig Config);
