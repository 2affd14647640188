using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Core.Results;

/// <summary>
/// Reads outcomes.parquet (see <see cref="OutcomeColumns"/>) into outcomes per suite, in file order.
/// Validates before returning: every column present with its type, no null, values in [0, 1], ties
/// not negative, extras a JSON object of numbers. Every problem found is reported in one <see cref="InputException"/>.
/// </summary>
public static class OutcomesTable
{
    /// <summary>How extras are written and read: named literals for NaN and infinities.</summary>
    public static JsonSerializerOptions ExtrasJsonOptions { get; } = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new InputException(path, "file not found");
        ParquetReader reader;
        try { reader = await ParquetReader.CreateAsync(path, null, cancellationToken); }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, $"is not a readable Parquet file ({e.Message})");
        }
        await using (reader)
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            var problems = new List<InputProblem>();
            foreach (var expected in OutcomeColumns.Schema.DataFields)
            {
                if (!fields.TryGetValue(expected.Name, out var actual))
                    problems.Add(new InputProblem(path, "required column is missing", Column: expected.Name));
                else if (actual.IsArray || Normalise(actual.ClrType) != Normalise(expected.ClrType))
                    problems.Add(new InputProblem(path, $"has type {Normalise(actual.ClrType).Name.ToLowerInvariant()}, expected {Normalise(expected.ClrType).Name.ToLowerInvariant()}",
                        Column: expected.Name));
            }
            if (problems.Count > 0) throw new InputException(problems);

            var bySuite = new Dictionary<string, List<ItemOutcome>>(StringComparer.Ordinal);
            long firstRow = 0;
            try
            {
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    var group = reader.OpenRowGroupReader(g);
                    var count = checked((int)group.RowCount);
                    async Task<string?[]> Strings(string name)
                    {
                        var values = new string?[count];
                        await group.ReadAsync(fields[name], values!, null, cancellationToken);
                        return values;
                    }
                    // A required column is read into a plain array: reading it as nullable once returned spurious nulls
                    // (every eighth row, Parquet.Net 6.1, during a parallel test run); our writer never makes them nullable.
                    async Task<T?[]> Values<T>(string name) where T : struct
                    {
                        var field = fields[name];
                        if (field.IsNullable)
                        {
                            var nullable = new T?[count];
                            await group.ReadAsync<T>(field, nullable.AsMemory(), null, cancellationToken);
                            return nullable;
                        }
                        var values = new T[count];
                        await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
                        return values.Select(v => (T?)v).ToArray();
                    }
                    var (suites, ids, subsets, clusters, extras) = (await Strings(OutcomeColumns.Suite), await Strings(OutcomeColumns.Id),
                        await Strings(OutcomeColumns.Subset), await Strings(OutcomeColumns.Cluster), await Strings(OutcomeColumns.Extras));
                    var values = await Values<double>(OutcomeColumns.Value);
                    var ties = await Values<int>(OutcomeColumns.Ties);
                    var invalid = await Values<bool>(OutcomeColumns.Invalid);
                    for (var i = 0; i < count; i++)
                    {
                        var row = firstRow + i;
                        void Null(string column) => problems.Add(new InputProblem(path, "is null", row, column));
                        string Text(string?[] column, string name)
                        {
                            if (column[i] is { } text) return text;
                            Null(name);
                            return "";
                        }
                        var (suite, id, subset, cluster) = (Text(suites, OutcomeColumns.Suite), Text(ids, OutcomeColumns.Id),
                            Text(subsets, OutcomeColumns.Subset), Text(clusters, OutcomeColumns.Cluster));
                        if (values[i] is not { } value) { Null(OutcomeColumns.Value); value = 0; }
                        else if (!(value >= 0 && value <= 1))
                            problems.Add(new InputProblem(path, $"value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside [0, 1]", row, OutcomeColumns.Value));
                        if (ties[i] is not { } tie) { Null(OutcomeColumns.Ties); tie = 0; }
                        else if (tie < 0) problems.Add(new InputProblem(path, "ties is negative", row, OutcomeColumns.Ties));
                        if (invalid[i] is not { } bad) { Null(OutcomeColumns.Invalid); bad = false; }
                        var parsed = ParseExtras(extras[i], path, row, problems);
                        if (!bySuite.TryGetValue(suite, out var list)) bySuite[suite] = list = [];
                        list.Add(new ItemOutcome(id, subset, cluster, value, tie, bad) { Extras = parsed });
                    }
                    firstRow += count;
                }
            }
            catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or ArgumentException or NotSupportedException or OverflowException or InvalidOperationException)
            {
                throw new InputException(path, $"is not a readable Parquet file ({e.Message})");
            }
            if (problems.Count > 0) throw new InputException(ScoresTable.Capped(problems, path));
            return bySuite.ToDictionary(p => p.Key, p => (IReadOnlyList<ItemOutcome>)p.Value, StringComparer.Ordinal);
        }
    }

    private static Type Normalise(Type type) => type == typeof(ReadOnlyMemory<char>) ? typeof(string) : type;

    private static IReadOnlyDictionary<string, double> ParseExtras(string? json, string path, long row, List<InputProblem> problems)
    {
        if (json is null)
        {
            problems.Add(new InputProblem(path, "is null", row, OutcomeColumns.Extras));
            return new Dictionary<string, double>();
        }
        if (json == "{}") return new Dictionary<string, double>();
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(json, ExtrasJsonOptions) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            problems.Add(new InputProblem(path, "is not a JSON object of numbers", row, OutcomeColumns.Extras));
            return new Dictionary<string, double>();
        }
    }
}
