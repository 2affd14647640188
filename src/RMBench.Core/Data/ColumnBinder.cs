using Parquet.Schema;
using RMBench.Core.Text;

namespace RMBench.Core.Data;

/// <summary>A schema column found in the file with a physical type that can hold it.</summary>
internal sealed record BoundColumn(ColumnSpec Spec, Field Field);

/// <summary>
/// Checks a file's physical schema against a kind's <see cref="DatasetSchema"/> before any value is
/// read: missing required columns and mistyped columns are problems; columns the schema does not name
/// are ignored.
/// </summary>
internal static class ColumnBinder
{
    public static IReadOnlyList<BoundColumn> Bind(ParquetSchema fileSchema, DatasetSchema schema, ProblemList problems)
    {
        var fields = fileSchema.Fields.DistinctBy(f => f.Name).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var bound = new List<BoundColumn>();
        foreach (var spec in schema.Columns)
        {
            if (!fields.TryGetValue(spec.Name, out var field))
            {
                if (spec.Required) problems.Add(MissingMessage(spec, fields.Keys), column: spec.Name);
            }
            else if (!ParquetTypes.Matches(field, spec.Type))
            {
                problems.Add($"has type {ParquetTypes.Describe(field)}; expected {ParquetTypes.Expected(spec.Type)}", column: spec.Name);
            }
            else
            {
                bound.Add(new BoundColumn(spec, field));
            }
        }
        return bound;
    }

    private static string MissingMessage(ColumnSpec spec, IEnumerable<string> present)
    {
        var names = present.ToList();
        var closest = Suggest.Closest(spec.Name, names);
        var hint = closest is null ? "" : $"; did you mean '{closest}'?";
        var list = names.Count == 0 ? "none" : string.Join(", ", names);
        return $"required column ({ParquetTypes.Expected(spec.Type)}) is missing{hint} (columns in the file: {list})";
    }
}
