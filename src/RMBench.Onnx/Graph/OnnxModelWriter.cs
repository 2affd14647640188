namespace RMBench.Onnx.Graph;

/// <summary>When initializers go to a separate data file, as optimum does for big models.</summary>
/// <param name="TotalThresholdBytes">External data is used when all initializers together exceed this.</param>
/// <param name="TensorMinBytes">Only tensors at least this big move out (onnx's size_threshold); small ones stay inline.</param>
public sealed record ExternalDataPolicy(long TotalThresholdBytes = ExternalDataPolicy.DefaultTotalThreshold, long TensorMinBytes = 1024)
{
    /// <summary>Protobuf files cannot exceed 2 GiB; stay well under it.</summary>
    public const long DefaultTotalThreshold = 1L << 30;
    /// <summary>
    /// Weights go to the data file however small the model (tests of the external-data path); tensors
    /// under 1 KiB (shapes, axes) stay inline, since shape inference must read them from the model.
    /// </summary>
    public static ExternalDataPolicy Always { get; } = new(-1);
    public static ExternalDataPolicy Never { get; } = new(long.MaxValue, long.MaxValue);
}

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX ModelProto, field numbers from the public onnx.proto.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>Offsets in the data file are aligned so that ONNX Runtime can memory-map tensors.</summary>
    private const int ExternalAlignment = 4096;

    /// <summary>The whole model in one buffer (every initializer inline).</summary>
    public static byte[] ToBytes(OnnxGraph graph) => Model(graph, null).ToArray();

    /// <summary>
    /// Writes <paramref name="modelPath"/> and, when the policy says so, "&lt;file name&gt;_data" beside it
    /// (model.onnx -> model.onnx_data). Returns the data file's path, or null when everything is inline.
    /// </summary>
    public static string? Save(OnnxGraph graph, string modelPath, ExternalDataPolicy? policy = null)
    {
        policy ??= new ExternalDataPolicy();
        var dataPath = modelPath + "_data";
        if (File.Exists(dataPath)) File.Delete(dataPath);
        if (graph.InitializerBytes <= policy.TotalThresholdBytes)
        {
            File.WriteAllBytes(modelPath, ToBytes(graph));
            return null;
        }
        using (var data = new ExternalDataFile(dataPath, Path.GetFileName(dataPath), policy.TensorMinBytes))
            File.WriteAllBytes(modelPath, Model(graph, data).ToArray());
        if (new FileInfo(dataPath).Length > 0) return dataPath;
        File.Delete(dataPath); // every tensor was small enough to stay inline
        return null;
    }

    private static ProtoWriter Model(OnnxGraph graph, ExternalDataFile? data)
    {
        // ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8.
        return new ProtoWriter()
            .Int(1, OnnxGraph.IrVersion)
            .String(2, "rmbench")
            .String(3, "1")
            .Message(7, Graph(graph, data))
            .Message(8, new ProtoWriter().String(1, "").Int(2, graph.Opset));
    }

    private static ProtoWriter Graph(OnnxGraph graph, ExternalDataFile? data)
    {
        // GraphProto: node 1, name 2, initializer 5, input 11, output 12.
        var writer = new ProtoWriter();
        foreach (var node in graph.Nodes) writer.Message(1, Node(node));
        writer.String(2, graph.Name);
        foreach (var initializer in graph.Initializers) writer.Message(5, Tensor(initializer, data));
        foreach (var input in graph.Inputs) writer.Message(11, Value(input));
        foreach (var output in graph.Outputs) writer.Message(12, Value(output));
        return writer;
    }

    private static ProtoWriter Node(Node node)
    {
        // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
        var writer = new ProtoWriter();
        foreach (var input in node.Inputs) writer.String(1, input);
        foreach (var output in node.Outputs) writer.String(2, output);
        writer.String(3, node.Name).String(4, node.OpType);
        foreach (var attribute in node.Attributes) writer.Message(5, Attribute(attribute));
        return writer;
    }

    private static ProtoWriter Attribute(NodeAttribute attribute)
    {
        // AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20.
        var writer = new ProtoWriter().String(1, attribute.Name);
        switch (attribute.Kind)
        {
            case AttributeKind.Float: writer.Float(2, (float)attribute.Value); break;
            case AttributeKind.Int: writer.Int(3, (long)attribute.Value); break;
            case AttributeKind.String: writer.String(4, (string)attribute.Value); break;
            case AttributeKind.Tensor: writer.Message(5, Tensor((Initializer)attribute.Value, null)); break;
            case AttributeKind.Floats: writer.PackedFloats(7, (float[])attribute.Value); break;
            case AttributeKind.Ints: writer.PackedInts(8, (long[])attribute.Value); break;
            default: throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Kind, "unsupported attribute kind");
        }
        return writer.Int(20, (int)attribute.Kind);
    }

    private static ProtoWriter Tensor(Initializer tensor, ExternalDataFile? data)
    {
        // TensorProto: dims 1, data_type 2, name 8, raw_data 9, external_data 13, data_location 14.
        var writer = new ProtoWriter();
        if (tensor.Dims.Count > 0) writer.PackedInts(1, tensor.Dims);
        writer.Int(2, (int)tensor.Type).String(8, tensor.Name);
        if (data is null || !data.Takes(tensor)) return writer.Bytes(9, tensor.RawData);

        var offset = data.Append(tensor.RawData);
        Entry(writer, "location", data.Location);
        Entry(writer, "offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Entry(writer, "length", tensor.RawData.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return writer.Int(14, 1); // DataLocation.EXTERNAL
    }

    private static void Entry(ProtoWriter tensor, string key, string value) =>
        tensor.Message(13, new ProtoWriter().String(1, key).String(2, value)); // StringStringEntryProto: key 1, value 2

    private static ProtoWriter Value(ValueInfo value)
    {
        // ValueInfoProto: name 1, type 2. TypeProto: tensor_type 1. Tensor: elem_type 1, shape 2.
        // TensorShapeProto: dim 1. Dimension: dim_value 1, dim_param 2.
        var shape = new ProtoWriter();
        foreach (var dim in value.Shape)
            shape.Message(1, dim.Param is not null ? new ProtoWriter().String(2, dim.Param) : new ProtoWriter().Int(1, dim.Value ?? 0));
        var tensorType = new ProtoWriter().Int(1, (int)value.Type).Message(2, shape);
        return new ProtoWriter().String(1, value.Name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    /// <summary>The data file being written: tensors appended at aligned offsets.</summary>
    private sealed class ExternalDataFile(string path, string location, long tensorMinBytes) : IDisposable
    {
        private readonly FileStream _stream = File.Create(path);

        public string Location { get; } = location;

        public bool Takes(Initializer tensor) => tensor.RawData.Length >= tensorMinBytes && tensor.RawData.Length > 0;

        public long Append(byte[] bytes)
        {
            var padding = (ExternalAlignment - _stream.Position % ExternalAlignment) % ExternalAlignment;
            if (padding > 0) _stream.Write(new byte[padding]);
            var offset = _stream.Position;
            _stream.Write(bytes);
            return offset;
        }

        public void Dispose() => _stream.Dispose();
    }
}
