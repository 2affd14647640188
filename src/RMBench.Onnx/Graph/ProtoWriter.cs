using System.Buffers.Binary;
using System.Text;

namespace RMBench.Onnx.Graph;

/// <summary>
/// The protobuf wire format, as much of it as ONNX needs: varints, fixed32 floats,
/// length-delimited strings/bytes/messages and packed repeated scalars. Fields are written in the order
/// they are called; zero/empty scalars are the caller's choice to skip (proto3 semantics).
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed32 = 5, LengthDelimited = 2;
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string? value) =>
        value is null ? this : Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>Bytes that are already whole fields (a <see cref="ProtoField.Raw"/> copied unchanged).</summary>
    public ProtoWriter RawFields(ReadOnlySpan<byte> fields)
    {
        _buffer.Write(fields);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>Repeated int32/int64 as one packed field (proto3 default, accepted by proto2 parsers).</summary>
    public ProtoWriter PackedInts(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values) packed.WriteVarint(unchecked((ulong)value));
        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter PackedFloats(int field, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return Bytes(field, bytes);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
