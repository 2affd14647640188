using RMBench.Core.Requests;

namespace RMBench.Core.Data;

/// <summary>
/// One validated row of a dataset. Values are already converted to the schema's logical types:
/// string, IReadOnlyList&lt;string&gt;, IReadOnlyList&lt;double&gt;, bool, byte[], long, double, IReadOnlyList&lt;Turn&gt;, or null for an
/// absent optional value. Kinds read rows only after validation, so the getters here can be strict.
/// </summary>
public sealed class DatasetRow(long index, IReadOnlyDictionary<string, object?> values)
{
    /// <summary>0-based row index in the file, for error messages.</summary>
    public long Index { get; } = index;
    public IReadOnlyDictionary<string, object?> Values { get; } = values;

    public string Id => String("id");
    public string Subset => String("subset");
    public string? System => OptionalString("system");
    public IReadOnlyList<Turn> Conversation => Get<IReadOnlyList<Turn>>("conversation") ?? [];

    public string String(string column) => Get<string>(column) ?? throw Missing(column);
    public string? OptionalString(string column) => Get<string>(column);
    public IReadOnlyList<string> StringList(string column) => Get<IReadOnlyList<string>>(column) ?? throw Missing(column);
    public IReadOnlyList<string>? OptionalStringList(string column) => Get<IReadOnlyList<string>>(column);
    public IReadOnlyList<double> DoubleList(string column) => Get<IReadOnlyList<double>>(column) ?? throw Missing(column);
    public bool Bool(string column) => Get<bool?>(column) ?? throw Missing(column);
    public byte[] Binary(string column) => Get<byte[]>(column) ?? throw Missing(column);

    private TValue? Get<TValue>(string column) =>
        Values.TryGetValue(column, out var value) && value is TValue typed ? typed : default;

    private InvalidOperationException Missing(string column) =>
        new($"Row {Index} has no value in column '{column}' although validation passed; this is a bug.");
}
