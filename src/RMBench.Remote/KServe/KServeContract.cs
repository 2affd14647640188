using RMBench.Core.Errors;
using RMBench.Onnx;

namespace RMBench.Remote.KServe;

/// <summary>What RMBench sends to a KServe model.</summary>
public enum KServeInputMode
{
    /// <summary>INT64 input_ids + attention_mask (+ token_type_ids): tokenized locally from --tokenizer, right-padded.</summary>
    Tokens,
    /// <summary>A BYTES input named `request`: one JSON scoring request per row (what `rmbench serve` takes).</summary>
    RequestJson,
    /// <summary>Any other single BYTES input: the conversation rendered as text, one element per row.</summary>
    Text,
}

/// <summary>
/// The model's metadata checked against what RMBench can send and read, before any inference request:
/// inputs (see <see cref="KServeInputMode"/>), one floating-point output of shape [B], [B,1] or [B,L]
/// (the column picked by --label). Every misfit is an InputException naming the endpoint and the tensor.
/// </summary>
public sealed record KServeContract(KServeInputMode Mode, IReadOnlyList<TensorMetadata> Inputs, TensorMetadata Output, int Label, int? Columns, string LabelName)
{
    public const string RequestInput = "request";
    public const string InputIds = "input_ids", AttentionMask = "attention_mask", TokenTypeIds = "token_type_ids";
    private static readonly string[] PreferredOutputs = ["logits", "score", "scores", "reward", "rewards"];

    public bool HasTokenTypeIds => Inputs.Any(i => i.Name == TokenTypeIds);
    /// <summary>Rank of the BYTES input (1: [B], 2: [B,1]) or of the token inputs.</summary>
    public int InputRank => Inputs[0].Shape.Length;

    /// <param name="labelNames">id2label from the tokenizer folder's config.json, when there is one.</param>
    public static KServeContract Check(ModelMetadata metadata, string endpoint, bool hasTokenizer, string? label, IReadOnlyList<string>? labelNames)
    {
        var where = $"{endpoint} model '{metadata.Name}'";
        var (mode, inputs) = CheckInputs(metadata, where, hasTokenizer);
        var output = PickOutput(metadata, where);
        if (!TensorDatatype.IsFloat(output.Datatype))
            throw new InputException(where, $"output tensor '{output.Name}' is {output.Datatype}; scores must be FP32, FP16, BF16 or FP64");
        var shape = output.Shape;
        if (shape.Length is < 1 or > 2)
            throw new InputException(where, $"output tensor '{output.Name}' has shape [{string.Join(",", shape)}]; scores must be [B], [B,1] or [B,L]");
        var columns = shape.Length == 1 ? 1 : shape[1] is > 0 and var c ? (int)c : (int?)null;
        if (columns == 1) return new KServeContract(mode, inputs, output, 0, 1, "0");
        if (columns is { } count)
        {
            try
            {
                var (index, name) = LabelSelector.Select(count, labelNames?.Count == count ? labelNames : null, label);
                return new KServeContract(mode, inputs, output, index, count, name);
            }
            catch (InputException e)
            {
                throw new InputException(where, $"output tensor '{output.Name}' [{string.Join(",", shape)}]: {e.Problems[0].Message}");
            }
        }
        // [B,-1]: the label count is only known from a response, so only an index can be checked then.
        if (label is not null && int.TryParse(label, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var column))
            return new KServeContract(mode, inputs, output, column, null, label);
        throw new InputException(where, $"output tensor '{output.Name}' has shape [{string.Join(",", shape)}] with a variable label dimension; pass --label INDEX to pick the score column");
    }

    private static (KServeInputMode, IReadOnlyList<TensorMetadata>) CheckInputs(ModelMetadata metadata, string where, bool hasTokenizer)
    {
        var byName = metadata.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var listing = metadata.Inputs.Count == 0 ? "none" : string.Join("; ", metadata.Inputs);
        if (byName.TryGetValue(InputIds, out var ids))
        {
            var known = new[] { InputIds, AttentionMask, TokenTypeIds };
            if (!byName.TryGetValue(AttentionMask, out var mask))
                throw new InputException(where, $"input tensor '{InputIds}' needs an '{AttentionMask}' input beside it (the model's inputs: {listing})");
            var tokenInputs = metadata.Inputs.Where(i => known.Contains(i.Name)).ToList();
            foreach (var input in tokenInputs)
            {
                if (input.Datatype != TensorDatatype.Int64)
                    throw new InputException(where, $"input tensor '{input.Name}' is {input.Datatype}; RMBench sends token tensors as INT64 (as optimum exports them)");
                if (input.Shape.Length != 2)
                    throw new InputException(where, $"input tensor '{input.Name}' has shape [{string.Join(",", input.Shape)}]; token tensors are [batch, sequence]");
            }
            if (metadata.Inputs.FirstOrDefault(i => !known.Contains(i.Name)) is { } other)
                throw new InputException(where, $"input tensor '{other.Name}' ({other.Datatype}) is one RMBench cannot fill; it sends input_ids, attention_mask and token_type_ids");
            if (!hasTokenizer)
                throw new InputException(where, $"input tensor '{InputIds}' is INT64 tokens: pass --tokenizer DIR (tokenizer files, tokenizer_config.json, config.json for the pad id) so RMBench tokenizes as the onnx backend does");
            _ = mask;
            return (KServeInputMode.Tokens, [ids, byName[AttentionMask], .. tokenInputs.Where(i => i.Name == TokenTypeIds)]);
        }
        var bytesInputs = metadata.Inputs.Where(i => i.Datatype == TensorDatatype.Bytes).ToList();
        if (bytesInputs.Count == 1 && metadata.Inputs.Count == 1)
        {
            var input = bytesInputs[0];
            if (input.Shape.Length is < 1 or > 2 || input.Shape.Length == 2 && input.Shape[1] is not (1 or -1))
                throw new InputException(where, $"input tensor '{input.Name}' has shape [{string.Join(",", input.Shape)}]; a text input is [B] or [B,1]");
            return (input.Name == RequestInput ? KServeInputMode.RequestJson : KServeInputMode.Text, [input]);
        }
        throw new InputException(where, $"no usable input (the model's inputs: {listing}); RMBench sends INT64 '{InputIds}'/'{AttentionMask}' tokens or one BYTES text input");
    }

    private static TensorMetadata PickOutput(ModelMetadata metadata, string where)
    {
        if (metadata.Outputs.Count == 1) return metadata.Outputs[0];
        foreach (var name in PreferredOutputs)
            if (metadata.Outputs.FirstOrDefault(o => o.Name == name) is { } preferred) return preferred;
        var listing = metadata.Outputs.Count == 0 ? "none" : string.Join("; ", metadata.Outputs);
        throw new InputException(where, $"no score output: expected one output or one named {string.Join("/", PreferredOutputs)} (the model's outputs: {listing})");
    }
}
