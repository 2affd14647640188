namespace RMBench.Core.Data;

/// <summary>Logical column types of the canonical Parquet schemas (DESIGN.md section 3).</summary>
public enum ColumnType
{
    String,
    StringList,
    Bool,
    Binary,
    Int,
    Double,
    /// <summary>list of struct{role: string, content: string}</summary>
    Conversation,
    /// <summary>list of double (or float) values</summary>
    DoubleList,
    /// <summary>binary holding a PNG or JPEG image; validation checks that it is a complete image (<see cref="ImageCheck"/>).</summary>
    Image,
}

/// <summary>One column of a suite kind's schema.</summary>
/// <param name="MinItems">For lists: the fewest items allowed (e.g. 1 for best-of-n answers).</param>
/// <param name="ExactItems">For lists: the exact count required (e.g. 3 for style-matrix answers).</param>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Required, int? MinItems = null, int? ExactItems = null);

/// <summary>
/// The columns a suite kind reads. Every schema has the common columns id, subset (required) and
/// system, conversation (optional); <see cref="For"/> adds them.
/// </summary>
public sealed record DatasetSchema(IReadOnlyList<ColumnSpec> Columns)
{
    public static readonly IReadOnlyList<ColumnSpec> Common =
    [
        new("id", ColumnType.String, Required: true),
        new("subset", ColumnType.String, Required: true),
        new("system", ColumnType.String, Required: false),
        new("conversation", ColumnType.Conversation, Required: false),
    ];

    public static DatasetSchema For(params ColumnSpec[] kindColumns) => new([.. Common, .. kindColumns]);

    public ColumnSpec? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
