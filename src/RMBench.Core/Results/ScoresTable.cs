using System.Globalization;
using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;

namespace RMBench.Core.Results;

/// <summary>
/// Reads scores.parquet (see <see cref="ScoreColumns"/>). Validates before returning: the file exists and is
/// Parquet, the required columns (id, role, score) are present with the right types, no required string is
/// null. Optional columns default: suite and subset to "", token_count to null, request_hash to "".
/// Non-finite scores are returned as they are. Every problem found is reported in one <see cref="InputException"/>.
/// </summary>
public static class ScoresTable
{
    private const int MaxProblems = 50;

    public static async Task<IReadOnlyList<ScoreRow>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new InputException(path, Directory.Exists(path) ? "is a folder, expected a scores.parquet file" : "file not found");

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, $"is not a readable Parquet file ({e.Message})");
        }

        await using (reader)
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            var problems = new List<InputProblem>();

            DataField? Column(string name, bool required, Func<Type, bool> typeOk, string expected)
            {
                if (!fields.TryGetValue(name, out var field))
                {
                    if (required) problems.Add(new InputProblem(path, "required column is missing", Column: name));
                    return null;
                }
                if (field.IsArray || !typeOk(field.ClrType))
                {
                    problems.Add(new InputProblem(path, $"has type {TypeName(field)}, expected {expected}", Column: name));
                    return null;
                }
                return field;
            }

            static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);
            static bool IsReal(Type t) => t == typeof(float) || t == typeof(double);
            static bool IsInteger(Type t) => t == typeof(int) || t == typeof(long);

            var suite = Column(ScoreColumns.Suite, false, IsString, "string");
            var id = Column(ScoreColumns.Id, true, IsString, "string");
            var subset = Column(ScoreColumns.Subset, false, IsString, "string");
            var role = Column(ScoreColumns.Role, true, IsString, "string");
            var score = Column(ScoreColumns.Score, true, IsReal, "float or double");
            var tokens = Column(ScoreColumns.TokenCount, false, IsInteger, "int32 or int64");
            var hash = Column(ScoreColumns.RequestHash, false, IsString, "string");
            var chars = Column(ScoreColumns.ResponseChars, false, IsInteger, "int32 or int64");
            if (problems.Count > 0) throw new InputException(problems);

            var rows = new List<ScoreRow>();
            long firstRow = 0;
            try
            {
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    var group = reader.OpenRowGroupReader(g);
                    var count = checked((int)group.RowCount);

                    async Task<string?[]> Strings(DataField? field)
                    {
                        var values = new string?[count];
                        if (field is not null) await group.ReadAsync(field, values!, null, cancellationToken);
                        return values;
                    }

                    var suites = await Strings(suite);
                    var ids = await Strings(id);
                    var subsets = await Strings(subset);
                    var roles = await Strings(role);
                    var hashes = await Strings(hash);
                    var scores = await Reals(group, score!, count, cancellationToken);
                    var tokenCounts = tokens is null ? new long?[count] : await Integers(group, tokens, count, cancellationToken);
                    var responseChars = chars is null ? new long?[count] : await Integers(group, chars, count, cancellationToken);

                    for (var i = 0; i < count; i++)
                    {
                        var row = firstRow + i;
                        string Required(string?[] values, string column)
                        {
                            if (values[i] is { } v) return v;
                            problems.Add(new InputProblem(path, "is null", row, column));
                            return "";
                        }

                        var rowId = Required(ids, ScoreColumns.Id);
                        var rowRole = Required(roles, ScoreColumns.Role);
                        var rowScore = scores[i];
                        if (rowScore is null) problems.Add(new InputProblem(path, "is null", row, ScoreColumns.Score));
                        int? rowTokens = null;
                        if (tokenCounts[i] is { } t)
                        {
                            if (t is < 0 or > int.MaxValue)
                                problems.Add(new InputProblem(path, $"token count {t.ToString(CultureInfo.InvariantCulture)} is out of range", row, ScoreColumns.TokenCount));
                            else rowTokens = (int)t;
                        }
                        rows.Add(new ScoreRow(suites[i] ?? "", rowId, subsets[i] ?? "", rowRole, rowScore ?? float.NaN, rowTokens, hashes[i] ?? "")
                        {
                            ResponseChars = responseChars[i] is { } c and >= 0 and <= int.MaxValue ? (int)c : null,
                        });
                    }
                    firstRow += count;
                }
            }
            catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or ArgumentException or NotSupportedException or OverflowException or InvalidOperationException)
            {
                throw new InputException(path, $"is not a readable Parquet file ({e.Message})");
            }

            if (problems.Count > 0) throw new InputException(Capped(problems, path));
            return rows;
        }
    }

    private static async Task<float?[]> Reals(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        // A required (non-nullable) column is read into a plain array: reading it into float?[] gave spurious
        // nulls now and then (Parquet.Net 6.1, seen in the leaderboard tests reading a run's scores.parquet).
        if (!field.IsNullable)
        {
            if (field.ClrType == typeof(float))
            {
                var plain = new float[count];
                await group.ReadAsync<float>(field, plain, null, cancellationToken);
                return plain.Select(v => (float?)v).ToArray();
            }
            var plainDoubles = new double[count];
            await group.ReadAsync<double>(field, plainDoubles, null, cancellationToken);
            return plainDoubles.Select(d => (float?)(float)d).ToArray();
        }
        if (field.ClrType == typeof(float))
        {
            var values = new float?[count];
            await group.ReadAsync<float>(field, values, null, cancellationToken);
            return values;
        }
        var doubles = new double?[count];
        await group.ReadAsync<double>(field, doubles, null, cancellationToken);
        return doubles.Select(d => d is { } v ? (float?)(float)v : null).ToArray();
    }

    private static async Task<long?[]> Integers(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(long))
        {
            var longs = new long?[count];
            await group.ReadAsync<long>(field, longs, null, cancellationToken);
            return longs;
        }
        var ints = new int?[count];
        await group.ReadAsync<int>(field, ints, null, cancellationToken);
        return ints.Select(i => (long?)i).ToArray();
    }

    private static string TypeName(DataField field)
    {
        var name = field.ClrType == typeof(ReadOnlyMemory<char>) ? "string" : field.ClrType.Name.ToLowerInvariant();
        return field.IsArray ? $"list<{name}>" : name;
    }

    /// <summary>At most <see cref="MaxProblems"/> problems, then one line saying how many more there were.</summary>
    internal static IReadOnlyList<InputProblem> Capped(IReadOnlyList<InputProblem> problems, string source)
    {
        if (problems.Count <= MaxProblems) return problems;
        return [.. problems.Take(MaxProblems), new InputProblem(source, $"... and {problems.Count - MaxProblems} more problems")];
    }
}
