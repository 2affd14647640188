using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RMBench.Core.Errors;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Onnx;

/// <summary>
/// Checks a loaded graph against the optimum text-classification contract: int64 inputs input_ids and
/// attention_mask (+ optional token_type_ids) and nothing else, a float output logits of rank 2 whose
/// width agrees with config.json. Every mismatch is reported at once.
/// </summary>
public sealed record GraphContract(bool HasTokenTypeIds, int NumLabels)
{
    private static readonly string[] Required = [RmContract.InputIds, RmContract.AttentionMask];
    private static readonly string[] Allowed = [.. Required, RmContract.TokenTypeIds];

    public static GraphContract Check(InferenceSession session, OnnxModelDirectory directory)
    {
        var source = directory.ModelPath;
        var problems = new List<InputProblem>();
        var inputs = session.InputMetadata;
        foreach (var name in Required.Where(n => !inputs.ContainsKey(n)))
            problems.Add(new InputProblem(source, $"graph has no input '{name}' (inputs: {string.Join(", ", inputs.Keys)})"));
        foreach (var (name, meta) in inputs)
        {
            if (!Allowed.Contains(name))
                problems.Add(new InputProblem(source, $"graph input '{name}' is not part of the text-classification contract (input_ids, attention_mask, token_type_ids); export with --task text-classification"));
            else if (meta.ElementDataType != TensorElementType.Int64)
                problems.Add(new InputProblem(source, $"graph input '{name}' is {meta.ElementDataType}; expected int64"));
        }

        int? width = null;
        if (!session.OutputMetadata.TryGetValue(RmContract.Logits, out var logits))
            problems.Add(new InputProblem(source, $"graph has no output '{RmContract.Logits}' (outputs: {string.Join(", ", session.OutputMetadata.Keys)}); export with --task text-classification"));
        else if (logits.ElementDataType != TensorElementType.Float)
            problems.Add(new InputProblem(source, $"output '{RmContract.Logits}' is {logits.ElementDataType}; expected float"));
        else if (logits.Dimensions.Length != 2)
            problems.Add(new InputProblem(source, $"output '{RmContract.Logits}' has rank {logits.Dimensions.Length}; expected [batch, num_labels]"));
        else if (logits.Dimensions[1] > 0)
            width = logits.Dimensions[1];

        var configured = directory.Config.NumLabels;
        if (width is not null && configured is not null && width != configured)
            problems.Add(new InputProblem(directory.ConfigPath, $"num_labels / id2label say {configured} labels but the graph's logits have {width} columns", Column: "id2label"));
        if (problems.Count > 0) throw new InputException(problems);
        return new GraphContract(inputs.ContainsKey(RmContract.TokenTypeIds), configured ?? width ?? 1);
    }
}
