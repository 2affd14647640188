using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace RMBench.Core.Data;

/// <summary>
/// Checks that bytes hold a complete PNG or JPEG image without an image library (Core has none; the
/// image backends decode with SkiaSharp). PNG: signature, every chunk's bounds and CRC, IHDR sanity, and
/// the IDAT stream inflates to exactly the pixel rows IHDR announces, each with a valid filter byte;
/// that is a full decode short of un-filtering, so a damaged or truncated PNG is caught here. JPEG:
/// SOI, well-formed marker segments, a frame header (SOF) with a non-zero size before the first scan,
/// and an EOI marker; damage inside the entropy-coded data is only found by the backend's decoder,
/// which then fails with a message naming the item.
/// </summary>
public static class ImageCheck
{
    /// <summary>Images larger than this many pixels are refused (a 16384 x 16384 image).</summary>
    public const long MaxPixels = 1L << 28;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Null when <paramref name="bytes"/> is a complete PNG or JPEG image, else what is wrong.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= PngSignature.Length && bytes[..PngSignature.Length].SequenceEqual(PngSignature)) return PngProblem(bytes);
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return JpegProblem(bytes);
        var head = Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)]);
        return bytes.Length == 0 ? "the value is empty (0 bytes)" : $"neither PNG nor JPEG (starts with bytes {head}, {bytes.Length} bytes in all)";
    }

    private static string? PngProblem(ReadOnlySpan<byte> bytes)
    {
        PngHeader? header = null;
        using var idat = new MemoryStream();
        var position = PngSignature.Length;
        var first = true;
        while (true)
        {
            if (bytes.Length - position < 12) return $"PNG is truncated at byte {position}: no IEND chunk";
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            var type = System.Text.Encoding.ASCII.GetString(bytes.Slice(position + 4, 4));
            if (length > int.MaxValue || length > bytes.Length - position - 12)
                return $"PNG is truncated: chunk '{type}' at byte {position} announces {length} bytes but {bytes.Length - position - 12} remain";
            var body = bytes.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 8 + (int)length)..]);
            if (Crc32.Compute(bytes.Slice(position + 4, 4 + (int)length)) != crc)
                return $"PNG chunk '{type}' at byte {position} has a wrong CRC (damaged data)";
            if (first && type != "IHDR") return $"PNG does not start with an IHDR chunk (found '{type}')";
            if (type == "IHDR")
            {
                if (!first) return "PNG has a second IHDR chunk";
                header = PngHeader.Parse(body, out var problem);
                if (header is null) return problem;
            }
            else if (type == "IDAT") idat.Write(body);
            else if (type == "IEND") break;
            first = false;
            position += 12 + (int)length;
        }
        if (idat.Length == 0) return "PNG has no image data (IDAT chunk)";
        return header!.DataProblem(idat);
    }

    private sealed record PngHeader(int Width, int Height, int BitsPerPixel, bool Interlaced)
    {
        private static readonly Dictionary<int, (int Channels, int[] Depths)> ColourTypes = new()
        {
            [0] = (1, [1, 2, 4, 8, 16]), // greyscale
            [2] = (3, [8, 16]),          // RGB
            [3] = (1, [1, 2, 4, 8]),     // palette
            [4] = (2, [8, 16]),          // greyscale + alpha
            [6] = (4, [8, 16]),          // RGBA
        };

        // Adam7 passes: (x0, y0, dx, dy).
        private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
            [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

        public static PngHeader? Parse(ReadOnlySpan<byte> body, out string? problem)
        {
            problem = null;
            if (body.Length != 13) { problem = $"PNG IHDR chunk has {body.Length} bytes; 13 expected"; return null; }
            var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
            var (depth, colour, interlace) = (body[8], body[9], body[12]);
            var known = ColourTypes.TryGetValue(colour, out var type);
            if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue) problem = $"PNG size {width}x{height} is invalid";
            else if ((long)width * height > MaxPixels) problem = $"PNG size {width}x{height} exceeds the limit of {MaxPixels.ToString(CultureInfo.InvariantCulture)} pixels";
            else if (!known) problem = $"PNG colour type {colour} is invalid";
            else if (!type.Depths.Contains(depth)) problem = $"PNG bit depth {depth} is invalid for colour type {colour}";
            else if (body[10] != 0 || body[11] != 0) problem = "PNG compression or filter method is not 0";
            else if (interlace > 1) problem = $"PNG interlace method {interlace} is invalid";
            return problem is null ? new PngHeader((int)width, (int)height, type.Channels * depth, interlace == 1) : null;
        }

        /// <summary>Inflates the image data and checks it holds exactly the rows the header announces.</summary>
        public string? DataProblem(MemoryStream idat)
        {
            var passes = Interlaced
                ? Adam7.Select(p => (W: (Width - p.X0 + p.Dx - 1) / p.Dx, H: (Height - p.Y0 + p.Dy - 1) / p.Dy)).Where(p => p.W > 0 && p.H > 0).ToList()
                : [(W: Width, H: Height)];
            var expected = passes.Sum(p => (long)p.H * (1 + ((long)p.W * BitsPerPixel + 7) / 8));
            var pixels = new byte[checked((int)Math.Min(expected + 1, Array.MaxLength))];
            int read;
            try
            {
                idat.Position = 0;
                using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
                read = ReadFully(inflater, pixels);
            }
            catch (InvalidDataException e)
            {
                return $"PNG image data cannot be inflated ({e.Message})";
            }
            if (read != expected)
                return $"PNG image data holds {read.ToString(CultureInfo.InvariantCulture)}{(read > expected ? "+" : "")} bytes; {expected.ToString(CultureInfo.InvariantCulture)} expected for {Width}x{Height}";
            var offset = 0L;
            foreach (var (w, h) in passes)
            {
                var rowBytes = 1 + ((long)w * BitsPerPixel + 7) / 8;
                for (var y = 0; y < h; y++, offset += rowBytes)
                    if (pixels[offset] > 4) return $"PNG row {y} has filter type {pixels[offset]}; 0 to 4 expected";
            }
            return null;
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            var total = 0;
            int n;
            while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            return total;
        }
    }

    private static string? JpegProblem(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        var frame = false;
        while (true)
        {
            if (position >= bytes.Length) return "JPEG is truncated: no end-of-image (EOI) marker";
            if (bytes[position] != 0xFF) return $"JPEG has no marker at byte {position} (found 0x{bytes[position]:X2})";
            while (position < bytes.Length && bytes[position] == 0xFF) position++; // fill bytes
            if (position >= bytes.Length) return "JPEG is truncated: no end-of-image (EOI) marker";
            var marker = bytes[position++];
            if (marker == 0xD9) return frame ? null : "JPEG ends before any frame header (SOF)";
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // stand-alone markers
            if (bytes.Length - position < 2) return $"JPEG is truncated in the segment of marker 0x{marker:X2}";
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || length > bytes.Length - position) return $"JPEG segment of marker 0x{marker:X2} at byte {position - 2} is truncated or has a bad length";
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8) return "JPEG frame header (SOF) is too short";
                var (height, width) = (BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 3)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 5)..]));
                if (width == 0 || height == 0) return $"JPEG size {width}x{height} is invalid";
                frame = true;
            }
            position += length;
            if (marker != 0xDA) continue;
            if (!frame) return "JPEG scan (SOS) comes before any frame header (SOF)";
            // Entropy-coded data: runs until a marker other than a stuffed 0xFF00 or a restart marker.
            while (position < bytes.Length - 1 && !(bytes[position] == 0xFF && bytes[position + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
                position++;
            if (position >= bytes.Length - 1) return "JPEG is truncated inside the image data: no end-of-image (EOI) marker";
        }
    }

    /// <summary>CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG uses it.</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        public static uint Compute(ReadOnlySpan<byte> data)
        {
            var c = 0xFFFFFFFFu;
            foreach (var b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
            return c ^ 0xFFFFFFFFu;
        }
    }
}
