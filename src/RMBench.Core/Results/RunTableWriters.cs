using System.Text.Json;
using Parquet;
using RMBench.Core.IO;
using RMBench.Core.Suites;

namespace RMBench.Core.Results;

/// <summary>
/// Writes scores.parquet (<see cref="ScoreColumns"/>) one row group per call, so a run of any size writes
/// its scores chunk by chunk; the file appears at its path only on <see cref="CommitAsync"/>.
/// </summary>
public sealed class ScoresFileWriter : IAsyncDisposable
{
    private readonly PendingFile _file;
    private readonly ParquetWriter _writer;
    private bool _wroteGroup, _committed;

    private ScoresFileWriter(PendingFile file, ParquetWriter writer) => (_file, _writer) = (file, writer);

    public static async Task<ScoresFileWriter> CreateAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new PendingFile(path);
        try { return new ScoresFileWriter(file, await ParquetWriter.CreateAsync(ScoreColumns.Schema, file.Stream, null, false, cancellationToken)); }
        catch { await file.DisposeAsync(); throw; }
    }

    /// <summary>Writes the rows, in the given order, as one row group (nothing for no rows).</summary>
    public async Task AppendAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0) return;
        await WriteGroupAsync(rows, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_wroteGroup) await WriteGroupAsync([], cancellationToken);
        await _writer.DisposeAsync();
        await _file.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed) await _writer.DisposeAsync();
        await _file.DisposeAsync();
    }

    private async Task WriteGroupAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken)
    {
        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(ScoreColumns.SuiteField, rows.Select(r => r.Suite).ToArray());
        await group.WriteAsync(ScoreColumns.IdField, rows.Select(r => r.Id).ToArray());
        await group.WriteAsync(ScoreColumns.SubsetField, rows.Select(r => r.Subset).ToArray());
        await group.WriteAsync(ScoreColumns.RoleField, rows.Select(r => r.Role).ToArray());
        await group.WriteAsync<float>(ScoreColumns.ScoreField, rows.Select(r => r.Score).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(ScoreColumns.TokenCountField, rows.Select(r => r.TokenCount).ToArray(), null, null, cancellationToken);
        await group.WriteAsync(ScoreColumns.RequestHashField, rows.Select(r => r.RequestHash).ToArray());
        await group.WriteAsync<int>(ScoreColumns.ResponseCharsField, rows.Select(r => r.ResponseChars).ToArray(), null, null, cancellationToken);
        group.CompleteValidate();
        _wroteGroup = true;
    }
}

/// <summary>
/// Writes outcomes.parquet (<see cref="OutcomeColumns"/>) one row group per call; the file appears at its
/// path only on <see cref="CommitAsync"/>.
/// </summary>
public sealed class OutcomesFileWriter : IAsyncDisposable
{
    private readonly PendingFile _file;
    private readonly ParquetWriter _writer;
    private bool _wroteGroup, _committed;

    private OutcomesFileWriter(PendingFile file, ParquetWriter writer) => (_file, _writer) = (file, writer);

    public static async Task<OutcomesFileWriter> CreateAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new PendingFile(path);
        try { return new OutcomesFileWriter(file, await ParquetWriter.CreateAsync(OutcomeColumns.Schema, file.Stream, null, false, cancellationToken)); }
        catch { await file.DisposeAsync(); throw; }
    }

    /// <summary>Writes one suite's outcomes, in the given order, as one row group (nothing for none).</summary>
    public async Task AppendAsync(string suite, IReadOnlyList<ItemOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0) return;
        await WriteGroupAsync(suite, outcomes, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_wroteGroup) await WriteGroupAsync("", [], cancellationToken);
        await _writer.DisposeAsync();
        await _file.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed) await _writer.DisposeAsync();
        await _file.DisposeAsync();
    }

    private async Task WriteGroupAsync(string suite, IReadOnlyList<ItemOutcome> rows, CancellationToken cancellationToken)
    {
        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(OutcomeColumns.SuiteField, rows.Select(_ => suite).ToArray());
        await group.WriteAsync(OutcomeColumns.IdField, rows.Select(r => r.Id).ToArray());
        await group.WriteAsync(OutcomeColumns.SubsetField, rows.Select(r => r.Subset).ToArray());
        await group.WriteAsync(OutcomeColumns.ClusterField, rows.Select(r => r.Cluster).ToArray());
        await group.WriteAsync<double>(OutcomeColumns.ValueField, rows.Select(r => r.Value).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(OutcomeColumns.TiesField, rows.Select(r => r.Ties).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<bool>(OutcomeColumns.InvalidField, rows.Select(r => r.Invalid).ToArray(), null, null, cancellationToken);
        await group.WriteAsync(OutcomeColumns.ExtrasField, rows.Select(r => ExtrasJson(r.Extras)).ToArray());
        group.CompleteValidate();
        _wroteGroup = true;
    }

    /// <summary>Extras as a JSON object in key order; NaN and infinities as the named literals.</summary>
    private static string ExtrasJson(IReadOnlyDictionary<string, double> extras) =>
        extras.Count == 0 ? "{}" : JsonSerializer.Serialize(new SortedDictionary<string, double>(extras.ToDictionary(), StringComparer.Ordinal),
            OutcomesTable.ExtrasJsonOptions);
}
