namespace RMBench.Core.Results;

/// <summary>
/// One row of scores.parquet: the score of one request of one item. Identical requests shared by
/// several items appear once per item (same score, same request hash), so replay can look up by
/// (suite, id, role). TokenCount is null for backends that do not tokenize.
/// </summary>
public sealed record ScoreRow(string Suite, string Id, string Subset, string Role, float Score, int? TokenCount, string RequestHash)
{
    /// <summary>Length of the scored response in characters (code points): the x axis of length-bias views.</summary>
    public int? ResponseChars { get; init; }
}
