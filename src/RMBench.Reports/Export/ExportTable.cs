using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RMBench.Reports.Export;

/// <summary>
/// Rows for pandas: named columns, cells that are strings, numbers, booleans or null. Written as CSV
/// (RFC 4180) or as a JSON array of objects (pandas.read_json(orient="records")).
/// </summary>
public sealed class ExportTable(IReadOnlyList<string> columns)
{
    public IReadOnlyList<string> Columns { get; } = columns;
    public List<object?[]> Rows { get; } = [];

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"a row has {cells.Length} cells, the table {Columns.Count} columns");
        Rows.Add(cells);
    }

    /// <summary>
    /// RFC 4180: CRLF line ends, a header line, a field quoted when it holds a comma, a double quote, CR or LF,
    /// a double quote inside doubled. Null is an empty field; non-finite numbers are NaN, inf and -inf (what
    /// pandas reads as floats); other numbers in the shortest round-trip invariant form.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(string.Join(",", Columns.Select(Field)));
        writer.Write("\r\n");
        foreach (var row in Rows)
        {
            writer.Write(string.Join(",", row.Select(cell => Field(Text(cell)))));
            writer.Write("\r\n");
        }
    }

    /// <summary>An array of one object per row, keys in column order; non-finite numbers and absent cells are null.</summary>
    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var row in Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < Columns.Count; i++)
            {
                json.WritePropertyName(Columns[i]);
                switch (row[i])
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int n: json.WriteNumberValue(n); break;
                    case long n: json.WriteNumberValue(n); break;
                    case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                    case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
                    case double or float: json.WriteNullValue(); break;
                    case IReadOnlyDictionary<string, double?> map:
                        json.WriteStartObject();
                        foreach (var (key, value) in map)
                            if (value is { } v && double.IsFinite(v)) json.WriteNumber(key, v);
                            else json.WriteNull(key);
                        json.WriteEndObject();
                        break;
                    default: json.WriteStringValue(Convert.ToString(row[i], CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public async Task WriteAsync(string path, string format, CancellationToken cancellationToken = default) =>
        await OutputFile.WriteAsync(path, async stream =>
        {
            if (format == "json")
            {
                WriteJson(stream);
                return;
            }
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            WriteCsv(writer);
        }, cancellationToken);

    private static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => Number(d),
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : Number(f),
        IReadOnlyDictionary<string, double?> map => JsonSerializer.Serialize(map.ToDictionary(kv => kv.Key, kv => kv.Value is { } v && double.IsFinite(v) ? v : (double?)null)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Number(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One CSV field, quoted only when RFC 4180 requires it.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
