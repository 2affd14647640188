namespace RMBench.Core.Import;

/// <summary>
/// Converts an upstream benchmark file to canonical RMBench Parquet. Register one by adding a public
/// class implementing this interface; `rmbench import --format NAME` finds it by <see cref="Name"/>.
/// </summary>
public interface IImporter
{
    /// <summary>Format name for --format (e.g. "llmbar").</summary>
    string Name { get; }
    string Description { get; }

    /// <summary>Reads the upstream file; malformed input throws <see cref="Errors.InputException"/>.</summary>
    Task<ImportResult> ImportAsync(string inputPath, CancellationToken cancellationToken);
}

/// <summary>Converted rows of one suite kind, and what was skipped and why (reported to the user, never silent).</summary>
public sealed record ImportResult(string Kind, IReadOnlyList<Data.CanonicalRow> Rows, IReadOnlyList<ImportSkip> Skipped, IReadOnlyList<string> Notes);

/// <summary>A source record that was not converted. Location is e.g. "line 17" or "index 3".</summary>
public sealed record ImportSkip(string Location, string Reason);
