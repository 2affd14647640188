using System.Buffers.Binary;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Onnx.Graph;

namespace RMBench.Onnx.LanguageModel;

/// <summary>
/// Splits a causal LM's graph at its language-model head so that no [batch, seq, vocab] tensor is ever made:
/// the <b>body</b> is the loaded ModelProto rewritten (fields copied byte for byte) without the node that makes
/// `logits` from the last hidden state, which becomes the output instead ([batch, seq, hidden]); the <b>head</b>
/// is a small graph built here with the head's weight: hidden [rows, hidden] and next-token ids [rows] in,
/// LogSoftmax over the vocabulary and GatherElements of the next tokens out ([rows] log-probabilities). The
/// runner feeds the head a bounded number of positions at a time.
/// <para>The head must be what optimum exports: `logits` made (through Identity nodes only) by a MatMul of the
/// hidden state with a constant float [hidden, vocab] initializer (inline, float_data or external data). Anything
/// else is an input error naming the node.</para>
/// </summary>
internal sealed class LmGraphSplit
{
    public const string Logits = "logits";
    public const string HeadHidden = "hidden";
    public const string HeadTargets = "targets";
    public const string HeadWeightInput = "weight";
    public const string HeadLogProbs = "logprobs";

    private LmGraphSplit(byte[] body, string hiddenName, OnnxGraph head, float[] headWeight, int hidden, int vocab, IReadOnlyList<string> inputs)
    {
        Body = body;
        HiddenName = hiddenName;
        Head = head;
        HeadWeight = headWeight;
        HiddenSize = hidden;
        VocabSize = vocab;
        Inputs = inputs;
    }

    public byte[] Body { get; }
    /// <summary>Name of the body's output: the hidden state the head multiplies.</summary>
    public string HiddenName { get; }
    /// <summary>The head graph; its weight is an input (<see cref="HeadWeight"/>, fed without a copy) so it is held once.</summary>
    public OnnxGraph Head { get; }
    /// <summary>The lm_head weight [hidden, vocab], row-major.</summary>
    public float[] HeadWeight { get; }
    public int HiddenSize { get; }
    public int VocabSize { get; }
    /// <summary>The graph's input names.</summary>
    public IReadOnlyList<string> Inputs { get; }

    private sealed record NodeInfo(ProtoField Field, string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

    public static LmGraphSplit Read(string modelPath)
    {
        var model = File.ReadAllBytes(modelPath);
        var modelFields = ProtoReader.Fields(model);
        var graphField = modelFields.FirstOrDefault(f => f.Number == 7);
        if (graphField.Raw.IsEmpty) throw new InputException(modelPath, "is not an ONNX model (no graph)");
        var graphFields = ProtoReader.Fields(graphField.Payload);
        var nodes = graphFields.Where(f => f.Number == 1).Select(ReadNode).ToList();
        var initializers = graphFields.Where(f => f.Number == 5).ToDictionary(f => TensorName(f), f => f, StringComparer.Ordinal);
        var outputs = graphFields.Where(f => f.Number == 12).ToList();
        var inputs = graphFields.Where(f => f.Number == 11).Select(f => StringOf(f, 1)).Where(n => !initializers.ContainsKey(n)).ToList();

        var logitsOutput = outputs.FirstOrDefault(f => StringOf(f, 1) == Logits);
        if (logitsOutput.Raw.IsEmpty)
            throw new InputException(modelPath, $"graph has no output '{Logits}' (outputs: {string.Join(", ", outputs.Select(o => StringOf(o, 1)))}); export with `optimum-cli export onnx --task text-generation` (no past key values)");
        var rank = OutputRank(logitsOutput);
        if (rank is not null and not 3)
            throw new InputException(modelPath, $"output '{Logits}' has rank {rank}; a causal LM's logits are [batch, seq, vocab] (is this a text-classification export? use onnx:DIR)");

        // Walk back from logits through Identity nodes to the head's MatMul.
        var producer = nodes.ToDictionary(n => n.Outputs.FirstOrDefault() ?? "", n => n, StringComparer.Ordinal);
        var removed = new List<NodeInfo>();
        var value = Logits;
        while (producer.TryGetValue(value, out var node) && node.OpType == "Identity")
        {
            removed.Add(node);
            value = node.Inputs[0];
        }
        if (!producer.TryGetValue(value, out var head) || head.OpType != "MatMul" || head.Inputs.Count != 2 || !initializers.TryGetValue(head.Inputs[1], out var weightField))
            throw new InputException(modelPath, $"'{Logits}' is not made by a MatMul of the hidden state with a constant weight (found {(producer.TryGetValue(value, out var other) ? $"{other.OpType} node '{other.Name}'" : "no node")}); onnx-lm needs the optimum lm_head layout to score without [batch, seq, vocab] logits");
        removed.Add(head);

        var weight = ReadWeight(weightField, Path.GetDirectoryName(modelPath)!, modelPath);
        var (hiddenSize, vocab) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var hiddenName = head.Inputs[0];
        var stillUsed = nodes.Except(removed).Any(n => n.Inputs.Contains(weight.Name));

        // The body: the model's fields byte for byte, the graph's without the head, written once at its exact size.
        var graphParts = new List<ReadOnlyMemory<byte>>();
        var removedFields = removed.Select(n => n.Field.Raw).ToList();
        foreach (var field in graphFields)
        {
            if (field.Number == 1 && removedFields.Any(r => r.Equals(field.Raw))) continue;
            if (field.Number == 5 && !stillUsed && TensorName(field) == weight.Name) continue;
            graphParts.Add(field.Number == 12 && field.Raw.Equals(logitsOutput.Raw)
                ? new ProtoWriter().Message(12, HiddenValueInfo(hiddenName, hiddenSize)).ToArray()
                : field.Raw);
        }
        var body = Assemble(modelFields, graphParts);
        return new LmGraphSplit(body, hiddenName, HeadGraph(hiddenSize), weight.Values, hiddenSize, vocab, inputs);
    }

    private static OnnxGraph HeadGraph(int hidden)
    {
        var b = new GraphBuilder("lm_head_logprobs");
        var x = b.Input(HeadHidden, TensorType.Float, "rows", hidden);
        var targets = b.Input(HeadTargets, TensorType.Int64, "rows");
        var logits = b.Op("MatMul", x, b.Input(HeadWeightInput, TensorType.Float, hidden, "vocab"));
        var logProbs = b.Op("LogSoftmax", [logits], NodeAttribute.Int("axis", 1));
        var picked = b.Op("GatherElements", [logProbs, b.Op("Unsqueeze", targets, b.Ints(1))], NodeAttribute.Int("axis", 1));
        b.Output(b.Op("Squeeze", picked, b.Ints(1)), HeadLogProbs, TensorType.Float, "rows");
        return b.Build();
    }

    /// <summary>The model's fields with the graph (field 7) made of <paramref name="graphParts"/>, in one exact-size array.</summary>
    private static byte[] Assemble(List<ProtoField> modelFields, List<ReadOnlyMemory<byte>> graphParts)
    {
        var graphLength = graphParts.Sum(p => (long)p.Length);
        var header = new List<byte> { (7 << 3) | 2 };
        for (var v = (ulong)graphLength; ; v >>= 7)
        {
            if (v < 0x80) { header.Add((byte)v); break; }
            header.Add((byte)(v | 0x80));
        }
        var total = modelFields.Sum(f => f.Number == 7 ? header.Count + graphLength : f.Raw.Length);
        var bytes = new byte[checked((int)total)];
        var at = 0;
        void Copy(ReadOnlySpan<byte> part) { part.CopyTo(bytes.AsSpan(at)); at += part.Length; }
        foreach (var field in modelFields)
        {
            if (field.Number != 7) { Copy(field.Raw.Span); continue; }
            Copy(header.ToArray());
            foreach (var part in graphParts) Copy(part.Span);
        }
        return bytes;
    }

    private static ProtoWriter HiddenValueInfo(string name, int hidden)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "batch"))
            .Message(1, new ProtoWriter().String(2, "seq"))
            .Message(1, new ProtoWriter().Int(1, hidden));
        var tensor = new ProtoWriter().Int(1, (int)TensorType.Float).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor));
    }

    private static NodeInfo ReadNode(ProtoField field)
    {
        var fields = ProtoReader.Fields(field.Payload);
        return new NodeInfo(field,
            fields.Where(f => f.Number == 4).Select(f => f.Text).FirstOrDefault() ?? "",
            fields.Where(f => f.Number == 3).Select(f => f.Text).FirstOrDefault() ?? "",
            [.. fields.Where(f => f.Number == 1).Select(f => f.Text)],
            [.. fields.Where(f => f.Number == 2).Select(f => f.Text)]);
    }

    private static string StringOf(ProtoField message, int number) =>
        ProtoReader.Fields(message.Payload).Where(f => f.Number == number).Select(f => f.Text).FirstOrDefault() ?? "";

    private static string TensorName(ProtoField tensor) => StringOf(tensor, 8);

    /// <summary>The number of dims a ValueInfoProto declares (type 2 -> tensor_type 1 -> shape 2 -> dim 1), or null without a shape.</summary>
    private static int? OutputRank(ProtoField valueInfo)
    {
        var type = ProtoReader.Fields(valueInfo.Payload).FirstOrDefault(f => f.Number == 2);
        if (type.Raw.IsEmpty) return null;
        var tensor = ProtoReader.Fields(type.Payload).FirstOrDefault(f => f.Number == 1);
        if (tensor.Raw.IsEmpty) return null;
        var shape = ProtoReader.Fields(tensor.Payload).FirstOrDefault(f => f.Number == 2);
        return shape.Raw.IsEmpty ? null : ProtoReader.Fields(shape.Payload).Count(f => f.Number == 1);
    }

    /// <summary>A float [hidden, vocab] initializer's values from raw_data, float_data or the external data file.</summary>
    private static (string Name, long[] Dims, float[] Values) ReadWeight(ProtoField tensor, string directory, string modelPath)
    {
        var fields = ProtoReader.Fields(tensor.Payload);
        var name = TensorName(tensor);
        var dims = ProtoReader.Ints(fields.Where(f => f.Number == 1)).ToArray();
        var type = fields.Where(f => f.Number == 2).Select(f => (int)f.Varint).FirstOrDefault();
        if (type != (int)TensorType.Float || dims.Length != 2)
            throw new InputException(modelPath, $"lm_head weight '{name}' is {(type == 10 ? "float16" : $"data type {type}")} [{string.Join(", ", dims)}]; onnx-lm needs a float32 [hidden, vocab] weight (export with --dtype fp32)");
        var expected = checked(dims[0] * dims[1] * 4);
        byte[] raw;
        if (fields.FirstOrDefault(f => f.Number == 9) is { Raw.IsEmpty: false } rawData)
        {
            if (rawData.Payload.Length != expected)
                throw new InputException(modelPath, $"lm_head weight '{name}' holds {rawData.Payload.Length} bytes; [{dims[0]}, {dims[1]}] floats need {expected}");
            return (name, dims, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(rawData.Payload.Span).ToArray());
        }
        else if (fields.FirstOrDefault(f => f.Number == 4) is { Raw.IsEmpty: false }) raw = FloatData(fields.Where(f => f.Number == 4));
        else if (fields.Any(f => f.Number == 14 && f.Varint == 1)) raw = ExternalData(fields, directory, modelPath, name, expected);
        else raw = [];
        if (raw.Length != expected)
            throw new InputException(modelPath, $"lm_head weight '{name}' holds {raw.Length} bytes; [{dims[0]}, {dims[1]}] floats need {expected}");
        return (name, dims, Floats(raw));
    }

    private static byte[] FloatData(IEnumerable<ProtoField> fields)
    {
        var bytes = new List<byte>();
        foreach (var field in fields)
            bytes.AddRange(field.WireType == 5 ? field.Payload.ToArray() : field.Payload.ToArray());
        return [.. bytes];
    }

    private static byte[] ExternalData(List<ProtoField> fields, string directory, string modelPath, string name, long expected)
    {
        var entries = fields.Where(f => f.Number == 13).Select(f => ProtoReader.Fields(f.Payload))
            .ToDictionary(e => e.First(f => f.Number == 1).Text, e => e.FirstOrDefault(f => f.Number == 2).Text ?? "", StringComparer.Ordinal);
        if (!entries.TryGetValue("location", out var location) || Path.IsPathRooted(location) || location.Contains(".."))
            throw new InputException(modelPath, $"lm_head weight '{name}' has no valid external data location");
        var offset = entries.TryGetValue("offset", out var o) ? long.Parse(o, CultureInfo.InvariantCulture) : 0;
        var length = entries.TryGetValue("length", out var l) ? long.Parse(l, CultureInfo.InvariantCulture) : expected;
        var path = Path.Combine(directory, location);
        if (!File.Exists(path)) throw new InputException(path, $"external data of lm_head weight '{name}' not found");
        using var stream = File.OpenRead(path);
        stream.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Little-endian floats of <paramref name="raw"/>.</summary>
    internal static float[] Floats(byte[] raw)
    {
        var values = new float[raw.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
        return values;
    }
}
