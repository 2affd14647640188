using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;

namespace RMBench.Core.Data;

/// <summary>
/// An opened Parquet file with its SHA-256. Opening checks the file before Parquet.Net sees it, so that
/// a missing, empty, non-Parquet or truncated file gives a clear <see cref="InputException"/> rather
/// than a library exception.
/// </summary>
internal sealed class ParquetSource : IAsyncDisposable
{
    private ParquetSource(string path, string sha256, ParquetReader reader, ParquetSchema schema, long rowCount)
    {
        Path = path;
        Sha256 = sha256;
        Reader = reader;
        Schema = schema;
        RowCount = rowCount;
    }

    public string Path { get; }
    /// <summary>Lowercase hex SHA-256 of the file bytes ("" when opened without hashing).</summary>
    public string Sha256 { get; }
    public ParquetReader Reader { get; }
    /// <summary>The file's schema, decoded once when opening (Parquet.Net decodes it on every access).</summary>
    public ParquetSchema Schema { get; }
    public long RowCount { get; }
    /// <summary>The file's key-value metadata (<see cref="DatasetMetadata"/> keys among them); empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Reader.CustomMetadata ?? new Dictionary<string, string>();

    /// <param name="hash">False to skip hashing the file (only its footer is needed); <see cref="Sha256"/> is then empty.</param>
    public static async Task<ParquetSource> OpenAsync(string path, CancellationToken cancellationToken, bool hash = true)
    {
        try
        {
            await CheckFileAsync(path, cancellationToken);
            var sha256 = hash ? await HashAsync(path, cancellationToken) : "";
            var (reader, schema, rowCount) = await OpenReaderAsync(path, cancellationToken);
            return new ParquetSource(path, sha256, reader, schema, rowCount);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot read the file: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => Reader.DisposeAsync();

    private static async Task CheckFileAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a directory, not a Parquet file");
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        await using var stream = File.OpenRead(path);
        var problem = await ParquetFileCheck.FindProblemAsync(stream, cancellationToken);
        if (problem is not null) throw new InputException(path, problem);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await RMBench.Core.IO.Sha256.HexAsync(stream, cancellationToken);
    }

    private static async Task<(ParquetReader Reader, ParquetSchema Schema, long RowCount)> OpenReaderAsync(string path, CancellationToken cancellationToken)
    {
        ParquetReader? reader = null;
        try
        {
            reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
            if (reader.RowGroups.Any(g => g.RowCount < 0)) throw new InvalidDataException("a row group has a negative row count");
            return (reader, reader.Schema, reader.RowGroups.Sum(g => g.RowCount));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (reader is not null) await reader.DisposeAsync();
            throw new InputException(path, $"damaged Parquet file: its footer (schema and row-group metadata) cannot be read ({ex.Message})");
        }
    }
}
