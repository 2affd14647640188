using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites.Kinds;
using static RMBench.Tests.Data.TestParquet;

namespace RMBench.Tests.Data;

public sealed class ParquetFileCheckTests : IDisposable
{
    // An unknown field 15 (0xF9: delta 15, type list) holding 14 lists (0xE9) of bools, each announcing
    // 2^31 - 1 elements (0xF1 + varint) with no bytes behind them. Parquet.Net skips bool elements without
    // reading bytes: about five seconds per inner list, over a minute for the file, before it fails. The
    // walker refuses a count larger than the bytes left.
    private static readonly byte[] HugeBoolLists =
        [0xF9, 0xE9, .. Enumerable.Repeat<byte[]>([0xF1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07], 14).SelectMany(b => b), 0x00];

    private readonly string _dir = TestPaths.NewTempDirectory("rmbench-filecheck");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Walker_accepts_well_formed_structs()
    {
        // i32 field 1 = 1; binary field 2 = "ab"; list<bool> field 3 = [true, false]; nested struct field 4 {}; stop
        byte[] data = [0x15, 0x02, 0x18, 0x02, (byte)'a', (byte)'b', 0x19, 0x21, 0x01, 0x02, 0x1C, 0x00, 0x00];
        Assert.True(ThriftWalker.IsWellFormedStruct(data));
    }

    [Theory]
    [InlineData(new byte[] { 0x15 })]                    // field header without its value
    [InlineData(new byte[] { 0x18, 0x05, 0x61, 0x00 })]  // binary longer than the data
    [InlineData(new byte[] { 0x1E, 0x00 })]              // unknown type 14
    [InlineData(new byte[] { 0x15, 0x02 })]              // no stop byte
    public void Walker_rejects_malformed_structs(byte[] data) => Assert.False(ThriftWalker.IsWellFormedStruct(data));

    [Fact]
    public void Walker_rejects_a_list_count_larger_than_the_data() => Assert.False(ThriftWalker.IsWellFormedStruct(HugeBoolLists));

    [Fact]
    public async Task File_with_a_hostile_footer_is_an_input_error_not_a_hang()
    {
        var good = Path.Combine(_dir, "good.parquet");
        await WriteAsync(good, Strings("id", "a"), Strings("subset", "s"), Strings("prompt", "p"), Strings("chosen", "c"), Strings("rejected", "r"));
        var bytes = await File.ReadAllBytesAsync(good);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        byte[] hostile = [.. bytes[..^(8 + footerLength)], .. HugeBoolLists, .. BitConverter.GetBytes(HugeBoolLists.Length), .. "PAR1"u8.ToArray()];
        var path = Path.Combine(_dir, "hostile.parquet");
        await File.WriteAllBytesAsync(path, hostile);

        var read = ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema);
        var error = await Assert.ThrowsAsync<InputException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("footer (schema and row-group metadata) is not well-formed", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public async Task Footer_length_that_does_not_fit_is_reported()
    {
        var path = Path.Combine(_dir, "length.parquet");
        await File.WriteAllBytesAsync(path, [.. "PAR1"u8.ToArray(), 0, 0, 0, 0, .. BitConverter.GetBytes(1000), .. "PAR1"u8.ToArray()]);
        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema));
        Assert.Contains("footer length (1000 bytes) does not fit in the file (16 bytes)", Assert.Single(error.Problems).Message);
    }
}
