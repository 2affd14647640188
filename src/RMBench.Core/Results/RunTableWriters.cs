using System.Text.Json;
using Parquet;
using RMBench.Core.IO;
using RMBench.Core.Suites;

namespace RMBench.Core.Results;

/// <summary>
/// A Parquet file written one row group at a time into a <see cref="PendingFile"/>: it appears at its path
/// only on <see cref="CommitAsync"/> (with one empty row group when nothing was appended, so readers always
/// find the schema); disposed without committing, it leaves nothing behind.
/// </summary>
public abstract class RowGroupFileWriter : IAsyncDisposable
{
    private PendingFile? _file;
    private ParquetWriter? _writer;
    private bool _wroteGroup, _committed;

    /// <summary>Opens <paramref name="writer"/> on a pending file for <paramref name="path"/>; disposes it when that fails.</summary>
    protected static async Task<TWriter> OpenAsync<TWriter>(TWriter writer, string path, Parquet.Schema.ParquetSchema schema,
        CancellationToken cancellationToken) where TWriter : RowGroupFileWriter
    {
        try
        {
            writer._file = new PendingFile(path);
            writer._writer = await ParquetWriter.CreateAsync(schema, writer._file.Stream, null, false, cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes one row group with <paramref name="write"/> (which fills every column).</summary>
    protected async Task WriteGroupAsync(Func<ParquetRowGroupWriter, Task> write)
    {
        using var group = _writer!.CreateRowGroup();
        await write(group);
        group.CompleteValidate();
        _wroteGroup = true;
    }

    /// <summary>An empty row group (for a file nothing was appended to).</summary>
    protected abstract Task WriteEmptyGroupAsync(CancellationToken cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_wroteGroup) await WriteEmptyGroupAsync(cancellationToken);
        await _writer!.DisposeAsync();
        await _file!.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed && _writer is not null) await _writer.DisposeAsync();
        if (_file is not null) await _file.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Writes scores.parquet (<see cref="ScoreColumns"/>), so a run of any size writes its scores chunk by chunk.</summary>
public sealed class ScoresFileWriter : RowGroupFileWriter
{
    private ScoresFileWriter() { }

    public static Task<ScoresFileWriter> CreateAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new ScoresFileWriter(), path, ScoreColumns.Schema, cancellationToken);

    /// <summary>Writes the rows, in the given order, as one row group (nothing for no rows).</summary>
    public Task AppendAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken = default) =>
        rows.Count == 0 ? Task.CompletedTask : WriteAsync(rows, cancellationToken);

    protected override Task WriteEmptyGroupAsync(CancellationToken cancellationToken) => WriteAsync([], cancellationToken);

    private Task WriteAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken) => WriteGroupAsync(async group =>
    {
        await group.WriteAsync(ScoreColumns.SuiteField, rows.Select(r => r.Suite).ToArray());
        await group.WriteAsync(ScoreColumns.IdField, rows.Select(r => r.Id).ToArray());
        await group.WriteAsync(ScoreColumns.SubsetField, rows.Select(r => r.Subset).ToArray());
        await group.WriteAsync(ScoreColumns.RoleField, rows.Select(r => r.Role).ToArray());
        await group.WriteAsync<float>(ScoreColumns.ScoreField, rows.Select(r => r.Score).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(ScoreColumns.TokenCountField, rows.Select(r => r.TokenCount).ToArray(), null, null, cancellationToken);
        await group.WriteAsync(ScoreColumns.RequestHashField, rows.Select(r => r.RequestHash).ToArray());
        await group.WriteAsync<int>(ScoreColumns.ResponseCharsField, rows.Select(r => r.ResponseChars).ToArray(), null, null, cancellationToken);
    });
}

/// <summary>Writes outcomes.parquet (<see cref="OutcomeColumns"/>) one suite's chunk of outcomes at a time.</summary>
public sealed class OutcomesFileWriter : RowGroupFileWriter
{
    private OutcomesFileWriter() { }

    public static Task<OutcomesFileWriter> CreateAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new OutcomesFileWriter(), path, OutcomeColumns.Schema, cancellationToken);

    /// <summary>Writes one suite's outcomes, in the given order, as one row group (nothing for none).</summary>
    public Task AppendAsync(string suite, IReadOnlyList<ItemOutcome> outcomes, CancellationToken cancellationToken = default) =>
        outcomes.Count == 0 ? Task.CompletedTask : WriteAsync(suite, outcomes, cancellationToken);

    protected override Task WriteEmptyGroupAsync(CancellationToken cancellationToken) => WriteAsync("", [], cancellationToken);

    private Task WriteAsync(string suite, IReadOnlyList<ItemOutcome> rows, CancellationToken cancellationToken) => WriteGroupAsync(async group =>
    {
        await group.WriteAsync(OutcomeColumns.SuiteField, rows.Select(_ => suite).ToArray());
        await group.WriteAsync(OutcomeColumns.IdField, rows.Select(r => r.Id).ToArray());
        await group.WriteAsync(OutcomeColumns.SubsetField, rows.Select(r => r.Subset).ToArray());
        await group.WriteAsync(OutcomeColumns.ClusterField, rows.Select(r => r.Cluster).ToArray());
        await group.WriteAsync<double>(OutcomeColumns.ValueField, rows.Select(r => r.Value).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(OutcomeColumns.TiesField, rows.Select(r => r.Ties).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<bool>(OutcomeColumns.InvalidField, rows.Select(r => r.Invalid).ToArray(), null, null, cancellationToken);
        await group.WriteAsync(OutcomeColumns.ExtrasField, rows.Select(r => ExtrasJson(r.Extras)).ToArray());
    });

    /// <summary>Extras as a JSON object in key order; NaN and infinities as the named literals.</summary>
    private static string ExtrasJson(IReadOnlyDictionary<string, double> extras) =>
        extras.Count == 0 ? "{}" : JsonSerializer.Serialize(new SortedDictionary<string, double>(extras.ToDictionary(), StringComparer.Ordinal),
            OutcomesTable.ExtrasJsonOptions);
}
