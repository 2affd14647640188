using System.Buffers.Binary;
using System.Text;

namespace RMBench.Remote.KServe;

/// <summary>A tensor datatype of the Open Inference Protocol ("FP32", "INT64", "BYTES", ...).</summary>
public static class TensorDatatype
{
    public const string Bool = "BOOL", Int32 = "INT32", Int64 = "INT64", Fp16 = "FP16", Bf16 = "BF16", Fp32 = "FP32", Fp64 = "FP64", Bytes = "BYTES";

    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["UINT8"] = 1, ["UINT16"] = 2, ["UINT32"] = 4, ["UINT64"] = 8,
        ["INT8"] = 1, ["INT16"] = 2, ["INT32"] = 4, ["INT64"] = 8,
        ["FP16"] = 2, ["BF16"] = 2, ["FP32"] = 4, ["FP64"] = 8, ["BYTES"] = 0,
    };

    public static bool IsKnown(string datatype) => ElementSizes.ContainsKey(datatype);

    /// <summary>Bytes per element in the raw layout; 0 for BYTES (length-prefixed elements).</summary>
    public static int ElementSize(string datatype) =>
        ElementSizes.TryGetValue(datatype, out var size) ? size : throw new TensorFormatException($"unknown datatype '{datatype}'");

    /// <summary>The score datatypes RMBench reads.</summary>
    public static bool IsFloat(string datatype) => datatype is Fp16 or Bf16 or Fp32 or Fp64;
}

/// <summary>A malformed tensor or message (wrong sizes, unknown datatype, bad JSON): the peer's fault.</summary>
public sealed class TensorFormatException(string message) : Exception(message);

/// <summary>
/// A named tensor held in the protocol's raw layout: row-major, little-endian elements; BYTES elements are
/// each a 4-byte little-endian length followed by the bytes. The same bytes travel as a REST binary
/// extension section, a gRPC raw_input_contents/raw_output_contents entry, or become a JSON "data" array.
/// </summary>
public sealed class Tensor
{
    public Tensor(string name, string datatype, long[] shape, byte[] data)
    {
        Name = name;
        Datatype = datatype;
        Shape = shape;
        Data = data;
        var count = ElementCount(shape);
        var size = TensorDatatype.ElementSize(datatype);
        if (size > 0 && data.LongLength != count * size)
            throw new TensorFormatException($"tensor '{name}': {data.LongLength} bytes for shape [{string.Join(",", shape)}] of {datatype} (expected {count * size})");
        if (size == 0 && CountBytesElements(data, name) != count)
            throw new TensorFormatException($"tensor '{name}': {CountBytesElements(data, name)} BYTES elements for shape [{string.Join(",", shape)}] (expected {count})");
    }

    public string Name { get; }
    public string Datatype { get; }
    public long[] Shape { get; }
    public byte[] Data { get; }
    public long Count => ElementCount(Shape);

    public static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new TensorFormatException($"shape [{string.Join(",", shape)}] has a negative dimension");
            count *= d;
        }
        return count;
    }

    public static Tensor FromInt64(string name, long[] shape, ReadOnlySpan<long> values)
    {
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), values[i]);
        return new Tensor(name, TensorDatatype.Int64, shape, data);
    }

    public static Tensor FromSingles(string name, long[] shape, ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        return new Tensor(name, TensorDatatype.Fp32, shape, data);
    }

    public static Tensor FromStrings(string name, long[] shape, IReadOnlyList<string> values) =>
        FromByteElements(name, shape, [.. values.Select(Encoding.UTF8.GetBytes)]);

    public static Tensor FromByteElements(string name, long[] shape, IReadOnlyList<byte[]> elements)
    {
        var data = new byte[elements.Sum(e => 4L + e.Length)];
        var offset = 0;
        foreach (var element in elements)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(offset), element.Length);
            element.CopyTo(data, offset + 4);
            offset += 4 + element.Length;
        }
        return new Tensor(name, TensorDatatype.Bytes, shape, data);
    }

    /// <summary>The elements as floats: FP16 and BF16 widen exactly, FP64 rounds to the nearest float.</summary>
    public float[] ToSingles()
    {
        var span = Data.AsSpan();
        var values = new float[Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = Datatype switch
            {
                TensorDatatype.Fp32 => BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]),
                TensorDatatype.Fp64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(span[(i * 8)..]),
                TensorDatatype.Fp16 => (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..])),
                TensorDatatype.Bf16 => Bfloat16.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..])),
                _ => throw new TensorFormatException($"tensor '{Name}' is {Datatype}, not a floating-point score"),
            };
        return values;
    }

    public long[] ToInt64()
    {
        if (Datatype != TensorDatatype.Int64) throw new TensorFormatException($"tensor '{Name}' is {Datatype}, not INT64");
        var values = new long[Count];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(Data.AsSpan(i * 8));
        return values;
    }

    public List<byte[]> ToByteElements()
    {
        if (Datatype != TensorDatatype.Bytes) throw new TensorFormatException($"tensor '{Name}' is {Datatype}, not BYTES");
        var elements = new List<byte[]>();
        for (var offset = 0; offset < Data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(Data.AsSpan(offset));
            elements.Add(Data.AsSpan(offset + 4, length).ToArray());
            offset += 4 + length;
        }
        return elements;
    }

    private static long CountBytesElements(byte[] data, string name)
    {
        long count = 0;
        for (var offset = 0L; offset < data.LongLength; count++)
        {
            if (data.LongLength - offset < 4) throw new TensorFormatException($"tensor '{name}': BYTES data ends inside a 4-byte length prefix");
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)offset));
            if (length > data.LongLength - offset - 4) throw new TensorFormatException($"tensor '{name}': a BYTES element of {length} bytes runs past the end of the data");
            offset += 4 + length;
        }
        return count;
    }
}

/// <summary>bfloat16: the upper 16 bits of an IEEE float32 (same exponent range, 8-bit significand).</summary>
public static class Bfloat16
{
    public static float ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>Round to nearest, ties to even (NaN stays a quiet NaN).</summary>
    public static ushort FromSingle(float value)
    {
        if (float.IsNaN(value)) return 0x7FC0;
        var bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)(bits >> 16);
    }
}
