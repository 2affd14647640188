using System.Runtime.InteropServices;

namespace RMBench.Onnx.Graph;

/// <summary>
/// Builds an ONNX graph node by node. Every method returns the name of the value it creates, so recipes
/// read like the computation: <c>var h = b.Op("MatMul", x, w);</c>. Names are unique by construction.
/// </summary>
public sealed class GraphBuilder(string name)
{
    private readonly List<ValueInfo> _inputs = [];
    private readonly List<ValueInfo> _outputs = [];
    private readonly List<Initializer> _initializers = [];
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public string Input(string inputName, TensorType type, params Dim[] shape)
    {
        _inputs.Add(new ValueInfo(inputName, type, shape));
        return inputName;
    }

    /// <summary>Declares <paramref name="value"/> a graph output under <paramref name="outputName"/> (adds an Identity when the names differ).</summary>
    public void Output(string value, string outputName, TensorType type, params Dim[] shape)
    {
        if (value != outputName) Op("Identity", [value], outputName);
        _outputs.Add(new ValueInfo(outputName, type, shape));
    }

    public string Constant(string hint, float[] data, params long[] dims) =>
        AddInitializer(hint, TensorType.Float, MemoryMarshal.AsBytes(data.AsSpan()).ToArray(), dims, data.Length);

    public string Constant(string hint, long[] data, params long[] dims) =>
        AddInitializer(hint, TensorType.Int64, MemoryMarshal.AsBytes(data.AsSpan()).ToArray(), dims, data.Length);

    /// <summary>A constant from little-endian raw bytes (e.g. a weight read from another model).</summary>
    public string Constant(string hint, TensorType type, byte[] raw, params long[] dims)
    {
        var size = type == TensorType.Bool ? 1 : type == TensorType.Int64 ? 8 : 4;
        return AddInitializer(hint, type, raw, dims, raw.Length / size);
    }

    /// <summary>A rank-0 float constant.</summary>
    public string Scalar(float value) => Constant("scalar", [value]);

    /// <summary>A rank-0 int64 constant.</summary>
    public string Scalar(long value) => Constant("scalar_i", [value]);

    /// <summary>A 1-D int64 constant (shapes, axes, indices).</summary>
    public string Ints(params long[] values) => Constant("ints", values, values.Length);

    /// <summary>A node with one output, auto-named after the operator.</summary>
    public string Op(string opType, params string[] inputs) => Op(opType, inputs, []);

    public string Op(string opType, string[] inputs, params NodeAttribute[] attributes) =>
        Op(opType, inputs, Unique(opType.ToLowerInvariant()), attributes);

    /// <summary>A node with one output of a chosen name.</summary>
    public string Op(string opType, string[] inputs, string output, params NodeAttribute[] attributes)
    {
        _nodes.Add(new Node(opType, inputs, [output], Unique("n_" + opType), attributes));
        return output;
    }

    /// <summary>Cast to <paramref name="to"/> (e.g. an int64 mask to float).</summary>
    public string Cast(string value, TensorType to) => Op("Cast", [value], NodeAttribute.Int("to", (long)to));

    /// <summary>Sum over <paramref name="axis"/>, keeping it as size 1 (an empty axis sums to 0).</summary>
    public string SumKeepingAxis(string value, long axis) => Op("ReduceSum", [value, Ints(axis)], NodeAttribute.Int("keepdims", 1));

    public OnnxGraph Build() => new(name, [.. _inputs], [.. _outputs], [.. _initializers], [.. _nodes]);

    private string AddInitializer(string hint, TensorType type, byte[] raw, long[] dims, int count)
    {
        var product = dims.Aggregate(1L, (a, d) => a * d);
        if (product != count) throw new ArgumentException($"initializer '{hint}': dims [{string.Join(',', dims)}] hold {product} values, got {count}");
        var initializerName = Unique(hint);
        _initializers.Add(new Initializer(initializerName, type, dims, raw));
        return initializerName;
    }

    private string Unique(string hint)
    {
        var n = _counters.GetValueOrDefault(hint);
        _counters[hint] = n + 1;
        return n == 0 ? hint : $"{hint}_{n}";
    }
}
