using RMBench.Onnx.Graph;

namespace RMBench.Tests.Onnx;

public class ProtoWriterTests
{
    [Fact]
    public void Varint_field_matches_the_protobuf_documentation_example()
    {
        // protobuf encoding guide: field 1 = 150 encodes as 08 96 01.
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, new ProtoWriter().Int(1, 150).ToArray());
    }

    [Fact]
    public void Negative_int64_is_a_ten_byte_twos_complement_varint()
    {
        // -1 as uint64 is 2^64 - 1: nine 0xFF continuation bytes and a final 0x01.
        var bytes = new ProtoWriter().Int(3, -1).ToArray();
        Assert.Equal(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, bytes);
    }

    [Fact]
    public void Strings_floats_and_packed_ints_use_their_wire_types()
    {
        // "hi" in field 2: tag (2<<3)|2 = 0x12, length 2. 1.0f in field 2 as fixed32: tag 0x15, 00 00 80 3F.
        // Packed [1, 300] in field 1: tag 0x0A, length 3, 01, AC 02.
        Assert.Equal(new byte[] { 0x12, 0x02, (byte)'h', (byte)'i' }, new ProtoWriter().String(2, "hi").ToArray());
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, new ProtoWriter().Float(2, 1f).ToArray());
        Assert.Equal(new byte[] { 0x0A, 0x03, 0x01, 0xAC, 0x02 }, new ProtoWriter().PackedInts(1, [1, 300]).ToArray());
    }
}
