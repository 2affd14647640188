namespace RMBench.Core.Data;

/// <summary>
/// Cheap structural checks of a Parquet file before Parquet.Net reads it: the 'PAR1' magic at both ends,
/// a footer length that fits the file, and a footer that is well-formed Thrift. The last one matters:
/// some damaged footers (for instance a huge list count) send Parquet.Net's Thrift reader into a loop
/// that effectively never ends, so the footer is walked here first with every loop bounded by the bytes left.
/// </summary>
internal static class ParquetFileCheck
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] EncryptedMagic = "PARE"u8.ToArray();

    /// <summary>A message describing what is wrong with the file, or null when it looks like sound Parquet.</summary>
    public static async Task<string?> FindProblemAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = stream.Length;
        if (length == 0) return "the file is empty (0 bytes); expected a Parquet file";
        if (!(await ReadAsync(stream, 0, Math.Min(4, (int)length), cancellationToken)).AsSpan().SequenceEqual(Magic))
            return "not a Parquet file: it does not start with the Parquet magic bytes 'PAR1'";
        var tail = length >= 12 ? await ReadAsync(stream, length - 8, 8, cancellationToken) : [];
        if (tail.Length == 8 && tail.AsSpan(4).SequenceEqual(EncryptedMagic))
            return "encrypted Parquet files are not supported";
        if (tail.Length < 8 || !tail.AsSpan(4).SequenceEqual(Magic))
            return $"truncated Parquet file: it does not end with the Parquet magic bytes 'PAR1' ({length} bytes; was it cut off while copying?)";
        var footerLength = BitConverter.ToInt32(tail, 0);
        if (footerLength <= 0 || footerLength > length - 12)
            return $"damaged Parquet file: its footer length ({footerLength} bytes) does not fit in the file ({length} bytes)";
        var footer = await ReadAsync(stream, length - 8 - footerLength, footerLength, cancellationToken);
        return ThriftWalker.IsWellFormedStruct(footer)
            ? null
            : "damaged Parquet file: its footer (schema and row-group metadata) is not well-formed";
    }

    private static async Task<byte[]> ReadAsync(Stream stream, long offset, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        stream.Position = offset;
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}

/// <summary>
/// Walks a Thrift compact-protocol struct without interpreting it, failing on anything that reads past
/// the end, nests too deep, or announces more elements than bytes remain.
/// </summary>
internal sealed class ThriftWalker(byte[] data)
{
    private const int MaxDepth = 64;
    private int _position;

    private long Remaining => data.Length - _position;

    public static bool IsWellFormedStruct(byte[] data)
    {
        try
        {
            new ThriftWalker(data).SkipStruct(0);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private void SkipStruct(int depth)
    {
        Require(depth <= MaxDepth);
        while (true)
        {
            var header = NextByte();
            if (header == 0) return;
            if (header >> 4 == 0) Varint();
            SkipValue(header & 0x0F, depth + 1, inFieldHeader: true);
        }
    }

    private void SkipValue(int type, int depth, bool inFieldHeader)
    {
        switch (type)
        {
            case 1 or 2: if (!inFieldHeader) NextByte(); break;
            case 3: NextByte(); break;
            case 4 or 5 or 6: Varint(); break;
            case 7: Skip(8); break;
            case 8: Skip(Varint()); break;
            case 9 or 10: SkipList(depth); break;
            case 11: SkipMap(depth); break;
            case 12: SkipStruct(depth); break;
            case 13: Skip(16); break;
            default: throw new InvalidDataException($"unknown Thrift type {type}");
        }
    }

    private void SkipList(int depth)
    {
        var header = NextByte();
        var size = (long)(header >> 4);
        if (size == 15) size = Varint();
        Require(size <= Remaining);
        for (var i = 0L; i < size; i++) SkipValue(header & 0x0F, depth + 1, inFieldHeader: false);
    }

    private void SkipMap(int depth)
    {
        var size = Varint();
        if (size == 0) return;
        var types = NextByte();
        Require(size * 2 <= Remaining);
        for (var i = 0L; i < size; i++)
        {
            SkipValue(types >> 4, depth + 1, inFieldHeader: false);
            SkipValue(types & 0x0F, depth + 1, inFieldHeader: false);
        }
    }

    private long Varint()
    {
        var result = 0UL;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = NextByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result > long.MaxValue ? long.MaxValue : (long)result;
        }
        throw new InvalidDataException("varint too long");
    }

    private void Skip(long count)
    {
        Require(count >= 0 && count <= Remaining);
        _position += (int)count;
    }

    private byte NextByte()
    {
        Require(_position < data.Length);
        return data[_position++];
    }

    private static void Require(bool condition)
    {
        if (!condition) throw new InvalidDataException("malformed Thrift data");
    }
}
