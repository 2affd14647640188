namespace RMBench.Core.Data;

/// <summary>A validated dataset file: its rows plus what a run records about it.</summary>
public sealed record Dataset(string Path, string Sha256, IReadOnlyList<string> Columns, IReadOnlyList<DatasetRow> Rows);
