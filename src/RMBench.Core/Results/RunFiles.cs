using Parquet.Schema;

namespace RMBench.Core.Results;

/// <summary>The file names inside a run folder (reports/runs/&lt;model&gt;/&lt;suite-set&gt;-&lt;timestamp&gt;/).</summary>
public static class RunFiles
{
    public const string RunJson = "run.json";
    public const string ScoresParquet = "scores.parquet";
    public const string SummaryMarkdown = "summary.md";
    /// <summary>One row per judged item (see <see cref="OutcomeColumns"/>): what `rmbench gate` pairs between runs.</summary>
    public const string OutcomesParquet = "outcomes.parquet";
}

/// <summary>
/// The columns of scores.parquet, shared by the writer (Reports) and the reader (<see cref="ScoresTable"/>)
/// so the two cannot drift. One row per scored request of one item; see <see cref="ScoreRow"/>.
/// </summary>
public static class ScoreColumns
{
    public const string Suite = "suite";
    public const string Id = "id";
    public const string Subset = "subset";
    public const string Role = "role";
    public const string Score = "score";
    public const string TokenCount = "token_count";
    public const string RequestHash = "request_hash";
    public const string ResponseChars = "response_chars";

    public static DataField<string> SuiteField { get; } = new(Suite, false);
    public static DataField<string> IdField { get; } = new(Id, false);
    public static DataField<string> SubsetField { get; } = new(Subset, false);
    public static DataField<string> RoleField { get; } = new(Role, false);
    public static DataField<float> ScoreField { get; } = new(Score, false);
    public static DataField<int?> TokenCountField { get; } = new(TokenCount, true);
    public static DataField<string> RequestHashField { get; } = new(RequestHash, false);
    public static DataField<int?> ResponseCharsField { get; } = new(ResponseChars, true);

    /// <summary>The schema the writer produces, in column order.</summary>
    public static ParquetSchema Schema { get; } =
        new(SuiteField, IdField, SubsetField, RoleField, ScoreField, TokenCountField, RequestHashField, ResponseCharsField);

    /// <summary>Columns a reader requires; the others default (suite and subset to "", token count to null, hash to "").</summary>
    public static IReadOnlyList<string> Required { get; } = [Id, Role, Score];

    /// <summary>The order of rows in scores.parquet: suite, id, role (ordinal).</summary>
    public static IOrderedEnumerable<ScoreRow> InFileOrder(IEnumerable<ScoreRow> rows) =>
        rows.OrderBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ThenBy(r => r.Role, StringComparer.Ordinal);
}
