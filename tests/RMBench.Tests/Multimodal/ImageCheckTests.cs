using System.Buffers.Binary;
using System.IO.Compression;
using RMBench.Core.Data;
using SkiaSharp;

namespace RMBench.Tests.Multimodal;

public class ImageCheckTests
{
    private static readonly byte[] Png = TestImages.Png(16, 12, (x, y) => new SKColor((byte)(x * 16), (byte)(y * 20), 128));

    [Fact]
    public void Complete_png_and_jpeg_images_pass()
    {
        Assert.Null(ImageCheck.FindProblem(Png));
        Assert.Null(ImageCheck.FindProblem(TestImages.Jpeg(16, 12, (x, _) => new SKColor((byte)(x * 16), 0, 0))));
    }

    [Fact]
    public void Bytes_that_are_neither_png_nor_jpeg_are_named_by_their_first_bytes()
    {
        Assert.Equal("neither PNG nor JPEG (starts with bytes 00010203, 4 bytes in all)", ImageCheck.FindProblem(new byte[] { 0, 1, 2, 3 }));
        Assert.Equal("the value is empty (0 bytes)", ImageCheck.FindProblem([]));
    }

    [Fact]
    public void A_truncated_png_is_refused()
    {
        Assert.Contains("PNG is truncated", ImageCheck.FindProblem(Png.AsSpan(0, Png.Length - 20)));
    }

    [Fact]
    public void A_flipped_byte_inside_the_image_data_fails_the_chunk_crc()
    {
        var damaged = Png.ToArray();
        damaged[IdatOffset(damaged) + 8 + 5] ^= 0x40;

        Assert.Equal($"PNG chunk 'IDAT' at byte {IdatOffset(damaged)} has a wrong CRC (damaged data)", ImageCheck.FindProblem(damaged));
    }

    [Fact]
    public void Image_data_that_does_not_fill_the_announced_size_is_refused_even_with_valid_crcs()
    {
        // IHDR says 16x13 (one row more than the data holds); its CRC is recomputed so only the size check can catch it.
        var forged = Png.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(20), 13);
        BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(29), Crc(forged.AsSpan(12, 17)));

        // 12 rows of 1 filter byte + 16 * 3 RGB bytes inflate to 588 bytes; 16x13 needs 637.
        Assert.Equal("PNG image data holds 588 bytes; 637 expected for 16x13", ImageCheck.FindProblem(forged));
    }

    [Fact]
    public void A_jpeg_cut_inside_its_scan_has_no_end_marker()
    {
        var jpeg = TestImages.Jpeg(32, 32, (x, y) => new SKColor((byte)(x * 8), (byte)(y * 8), 0));

        Assert.Equal("JPEG is truncated inside the image data: no end-of-image (EOI) marker", ImageCheck.FindProblem(jpeg.AsSpan(0, jpeg.Length - 30)));
    }

    [Fact]
    public void A_png_whose_data_is_not_zlib_cannot_be_inflated()
    {
        // A hand-built 1x1 RGB PNG whose IDAT holds bytes that are not a zlib stream, with correct CRCs.
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(stream, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        Chunk(stream, "IDAT", [1, 2, 3, 4]);
        Chunk(stream, "IEND", []);

        Assert.StartsWith("PNG image data cannot be inflated", ImageCheck.FindProblem(stream.ToArray()));
    }

    [Fact]
    public void A_hand_built_png_with_a_valid_zlib_stream_passes()
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(stream, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write([0, 255, 0, 0]); // filter 0, one red pixel
            Chunk(stream, "IDAT", data.ToArray());
        }
        Chunk(stream, "IEND", []);

        var png = stream.ToArray();
        Assert.Null(ImageCheck.FindProblem(png));
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal(new SKColor(255, 0, 0), decoded.GetPixel(0, 0));
    }

    private static int IdatOffset(byte[] png)
    {
        var position = 8;
        while (System.Text.Encoding.ASCII.GetString(png, position + 4, 4) != "IDAT")
            position += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
        return position;
    }

    private static void Chunk(Stream stream, string type, byte[] body)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        stream.Write(header);
        stream.Write(body);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc([.. header.AsSpan(4), .. body]));
        stream.Write(crc);
    }

    /// <summary>Reference CRC-32 (bitwise, no table) to forge chunks independently of the checker's table.</summary>
    private static uint Crc(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
