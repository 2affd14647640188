using Parquet.Schema;

namespace RMBench.Core.Results;

/// <summary>
/// The columns of outcomes.parquet (one row per judged item: what the gate pairs between two runs), shared
/// by the writer (Reports) and the reader (<see cref="OutcomesTable"/>). Rows are ordered by suite, then id
/// (ordinal). <c>extras</c> is the item's <see cref="Suites.ItemOutcome.Extras"/> as a JSON object ("{}" when
/// it has none), so metrics beyond accuracy can be recomputed from the file.
/// </summary>
public static class OutcomeColumns
{
    public const string Suite = "suite";
    public const string Id = "id";
    public const string Subset = "subset";
    public const string Cluster = "cluster";
    public const string Value = "value";
    public const string Ties = "ties";
    public const string Invalid = "invalid";
    public const string Extras = "extras";

    public static DataField<string> SuiteField { get; } = new(Suite, false);
    public static DataField<string> IdField { get; } = new(Id, false);
    public static DataField<string> SubsetField { get; } = new(Subset, false);
    public static DataField<string> ClusterField { get; } = new(Cluster, false);
    public static DataField<double> ValueField { get; } = new(Value, false);
    public static DataField<int> TiesField { get; } = new(Ties, false);
    public static DataField<bool> InvalidField { get; } = new(Invalid, false);
    public static DataField<string> ExtrasField { get; } = new(Extras, false);

    /// <summary>The schema the writer produces, in column order.</summary>
    public static ParquetSchema Schema { get; } =
        new(SuiteField, IdField, SubsetField, ClusterField, ValueField, TiesField, InvalidField, ExtrasField);
}
