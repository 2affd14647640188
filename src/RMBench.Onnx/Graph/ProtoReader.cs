using System.Text;

namespace RMBench.Onnx.Graph;

/// <summary>One field of a protobuf message: its number, wire type, value, and the raw bytes of the whole field (tag included) for copying it unchanged.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Raw)
{
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>
/// The reading side of <see cref="ProtoWriter"/>: the fields of a message, in order, without a schema. Enough to
/// find and rewrite parts of an ONNX ModelProto (graph, nodes, initializers, outputs) while copying the rest byte
/// for byte.
/// </summary>
internal static class ProtoReader
{
    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var start = position;
            var tag = ReadVarint(span, ref position);
            var (number, wire) = ((int)(tag >> 3), (int)(tag & 7));
            ulong value = 0;
            ReadOnlyMemory<byte> payload = default;
            switch (wire)
            {
                case 0: value = ReadVarint(span, ref position); break;
                case 1: payload = message.Slice(position, 8); position += 8; break;
                case 5: payload = message.Slice(position, 4); position += 4; break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    payload = message.Slice(position, length);
                    position += length;
                    break;
                default: throw new InvalidDataException($"unsupported protobuf wire type {wire} at byte {start}");
            }
            if (position > span.Length) throw new InvalidDataException("truncated protobuf message");
            fields.Add(new ProtoField(number, wire, value, payload, message[start..position]));
        }
        return fields;
    }

    /// <summary>Repeated int64 values of a field written packed (one length-delimited field) or one varint per field.</summary>
    public static IEnumerable<long> Ints(IEnumerable<ProtoField> fields)
    {
        foreach (var field in fields)
        {
            if (field.WireType == 0) { yield return unchecked((long)field.Varint); continue; }
            var position = 0;
            var bytes = field.Payload.ToArray();
            while (position < bytes.Length) yield return unchecked((long)ReadVarint(bytes, ref position));
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length) throw new InvalidDataException("truncated varint");
            var b = span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("varint longer than 10 bytes");
    }
}
