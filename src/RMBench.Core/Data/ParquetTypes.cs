using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>
/// Maps physical Parquet fields to readable type names ("string", "list&lt;string&gt;", ...) and decides
/// whether a field can hold a logical <see cref="ColumnType"/>.
/// </summary>
internal static class ParquetTypes
{
    private static readonly Dictionary<Type, string> LeafNames = new()
    {
        [typeof(ReadOnlyMemory<char>)] = "string",
        [typeof(ReadOnlyMemory<byte>)] = "binary",
        [typeof(bool)] = "bool",
        [typeof(sbyte)] = "int8",
        [typeof(byte)] = "uint8",
        [typeof(short)] = "int16",
        [typeof(ushort)] = "uint16",
        [typeof(int)] = "int32",
        [typeof(uint)] = "uint32",
        [typeof(long)] = "int64",
        [typeof(ulong)] = "uint64",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(DateTime)] = "timestamp",
        [typeof(DateOnly)] = "date",
        [typeof(TimeSpan)] = "time",
        [typeof(TimeOnly)] = "time",
        [typeof(Guid)] = "uuid",
    };

    private static readonly HashSet<Type> IntegerTypes =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long)];

    /// <summary>A readable type such as "string", "list&lt;string&gt;" or "struct&lt;role: string, content: string&gt;".</summary>
    public static string Describe(Field field) => field switch
    {
        DataField { IsArray: true } data => $"list<{LeafName(data)}>",
        DataField data => LeafName(data),
        ListField list => $"list<{Describe(list.Item)}>",
        StructField structure => $"struct<{string.Join(", ", structure.Fields.Select(f => $"{f.Name}: {Describe(f)}"))}>",
        MapField map => $"map<{Describe(map.Key)}, {Describe(map.Value)}>",
        _ => field.SchemaType.ToString().ToLowerInvariant(),
    };

    /// <summary>How the expected type is written in messages.</summary>
    public static string Expected(ColumnType type) => type switch
    {
        ColumnType.String => "string",
        ColumnType.StringList => "list<string>",
        ColumnType.DoubleList => "list<double>",
        ColumnType.Bool => "bool",
        ColumnType.Binary => "binary",
        ColumnType.Image => "binary (a PNG or JPEG image)",
        ColumnType.Int => "integer (int32 or int64)",
        ColumnType.Double => "double (or float)",
        ColumnType.Conversation => "list<struct<role: string, content: string>>",
        _ => type.ToString(),
    };

    /// <summary>Whether <paramref name="field"/> (a top-level field) can be read as <paramref name="type"/>.</summary>
    public static bool Matches(Field field, ColumnType type) => type switch
    {
        ColumnType.String => IsScalar(field, typeof(ReadOnlyMemory<char>)),
        ColumnType.Binary or ColumnType.Image => IsScalar(field, typeof(ReadOnlyMemory<byte>)),
        ColumnType.Bool => IsScalar(field, typeof(bool)),
        ColumnType.Int => field is DataField { IsArray: false } data && IntegerTypes.Contains(data.ClrType),
        ColumnType.Double => IsScalar(field, typeof(double)) || IsScalar(field, typeof(float)),
        ColumnType.StringList => StringListLeaf(field) is not null,
        ColumnType.DoubleList => DoubleListLeaf(field) is not null,
        ColumnType.Conversation => ConversationLeaves(field) is not null,
        _ => false,
    };

    /// <summary>The string leaf of a list&lt;string&gt; field (3-level LIST or legacy repeated), or null.</summary>
    public static DataField? StringListLeaf(Field field) => field switch
    {
        DataField { IsArray: true } data when data.ClrType == typeof(ReadOnlyMemory<char>) => data,
        ListField { Item: DataField { IsArray: false } item } when item.ClrType == typeof(ReadOnlyMemory<char>) => item,
        _ => null,
    };

    /// <summary>The double (or float) leaf of a list&lt;double&gt; field (3-level LIST or legacy repeated), or null.</summary>
    public static DataField? DoubleListLeaf(Field field) => field switch
    {
        DataField { IsArray: true } data when data.ClrType == typeof(double) || data.ClrType == typeof(float) => data,
        ListField { Item: DataField { IsArray: false } item } when item.ClrType == typeof(double) || item.ClrType == typeof(float) => item,
        _ => null,
    };

    /// <summary>The role and content leaves of a list&lt;struct&lt;role, content&gt;&gt; field, or null.</summary>
    public static (StructField Turn, DataField Role, DataField Content)? ConversationLeaves(Field field)
    {
        if (field is not ListField { Item: StructField turn }) return null;
        var role = turn.Fields.FirstOrDefault(f => f.Name == "role");
        var content = turn.Fields.FirstOrDefault(f => f.Name == "content");
        return IsScalar(role, typeof(ReadOnlyMemory<char>)) && IsScalar(content, typeof(ReadOnlyMemory<char>))
            ? (turn, (DataField)role!, (DataField)content!)
            : null;
    }

    private static bool IsScalar(Field? field, Type clrType) =>
        field is DataField { IsArray: false } data && data.ClrType == clrType;

    private static string LeafName(DataField data) =>
        LeafNames.TryGetValue(data.ClrType, out var name) ? name : data.ClrType.Name.ToLowerInvariant();
}
