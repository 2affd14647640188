namespace RMBench.Onnx.Graph;

/// <summary>Element types the builder writes (TensorProto.DataType numbers).</summary>
public enum TensorType
{
    Float = 1,
    Int64 = 7,
    Bool = 9,
}

/// <summary>One dimension of a declared shape: a fixed size or a symbolic name such as "batch".</summary>
public readonly record struct Dim(long? Value, string? Param)
{
    public static implicit operator Dim(long value) => new(value, null);
    public static implicit operator Dim(string param) => new(null, param);
}

/// <summary>A graph input or output: name, element type and shape.</summary>
public sealed record ValueInfo(string Name, TensorType Type, IReadOnlyList<Dim> Shape);

/// <summary>A constant tensor stored in the model, as little-endian raw bytes.</summary>
public sealed record Initializer(string Name, TensorType Type, IReadOnlyList<long> Dims, byte[] RawData);

/// <summary>One operator application.</summary>
public sealed record Node(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string Name, IReadOnlyList<NodeAttribute> Attributes);

/// <summary>AttributeProto.AttributeType numbers of the kinds the builder writes.</summary>
public enum AttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
}

/// <summary>A node attribute; use the factory methods so that kind and value agree.</summary>
public sealed record NodeAttribute(string Name, AttributeKind Kind, object Value)
{
    public static NodeAttribute Int(string name, long value) => new(name, AttributeKind.Int, value);
    public static NodeAttribute Float(string name, float value) => new(name, AttributeKind.Float, value);
    public static NodeAttribute String(string name, string value) => new(name, AttributeKind.String, value);
    public static NodeAttribute Ints(string name, params long[] values) => new(name, AttributeKind.Ints, values);
    public static NodeAttribute Floats(string name, params float[] values) => new(name, AttributeKind.Floats, values);
    public static NodeAttribute Tensor(string name, Initializer value) => new(name, AttributeKind.Tensor, value);
}

/// <summary>A complete graph plus the model-level fields written with it.</summary>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<ValueInfo> Inputs,
    IReadOnlyList<ValueInfo> Outputs,
    IReadOnlyList<Initializer> Initializers,
    IReadOnlyList<Node> Nodes,
    int Opset = OnnxGraph.DefaultOpset)
{
    /// <summary>Opset 17: LayerNormalization exists; axes of ReduceSum/Unsqueeze are inputs.</summary>
    public const int DefaultOpset = 17;
    /// <summary>IR version 8 pairs with opset 17 (ONNX 1.12+).</summary>
    public const int IrVersion = 8;

    public long InitializerBytes => Initializers.Sum(i => (long)i.RawData.Length);
}
