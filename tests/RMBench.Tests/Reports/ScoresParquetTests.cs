using Parquet;
using Parquet.Schema;
using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Reports;

namespace RMBench.Tests.Reports;

public class ScoresParquetTests
{
    [Fact]
    public async Task Scores_round_trip_in_suite_id_role_order()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), RunFiles.ScoresParquet);
        var rows = SampleRuns.Scores();
        await ScoresParquet.WriteAsync(path, rows);

        var read = await ScoresTable.ReadAsync(path);

        var expected = rows
            .OrderBy(r => r.Suite, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, read); // record equality: NaN equals NaN, null token counts kept
        Assert.Equal(["B-0", "a-1", "a-1", "b-2", "b-2", "a-1"], read.Select(r => r.Id)); // ordinal: upper case first
        Assert.True(float.IsNaN(read[^1].Score));
        Assert.Null(read[2].TokenCount); // general a-1 rejected
    }

    [Fact]
    public async Task File_has_the_documented_columns_and_types()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), RunFiles.ScoresParquet);
        await ScoresParquet.WriteAsync(path, SampleRuns.Scores());
        var schema = await ParquetReader.ReadSchemaAsync(path);
        Assert.Equal(["suite", "id", "subset", "role", "score", "token_count", "request_hash", "response_chars"], schema.DataFields.Select(f => f.Name));
        Assert.Equal(typeof(float), schema.DataFields[4].ClrType);
        Assert.Equal(typeof(int), schema.DataFields[5].ClrType);
        Assert.True(schema.DataFields[5].IsNullable);
        Assert.False(schema.DataFields[1].IsNullable);
    }

    [Fact]
    public async Task Empty_scores_round_trip()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), RunFiles.ScoresParquet);
        await ScoresParquet.WriteAsync(path, []);
        Assert.Empty(await ScoresTable.ReadAsync(path));
    }

    [Fact]
    public async Task Reader_reports_missing_and_mistyped_columns()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "bad.parquet");
        var id = new DataField<string>("id");
        var score = new DataField<string>("score");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, score), stream, null, false, default))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new[] { "a" });
            await group.WriteAsync(score, new[] { "high" });
            group.CompleteValidate();
        }

        var e = await Assert.ThrowsAsync<InputException>(() => ScoresTable.ReadAsync(path));
        Assert.Contains(e.Problems, p => p.Column == "role" && p.Message.Contains("missing"));
        Assert.Contains(e.Problems, p => p.Column == "score" && p.Message.Contains("expected float or double"));
        Assert.All(e.Problems, p => Assert.Equal(path, p.Source));
    }

    [Fact]
    public async Task Reader_reports_null_ids_with_their_row()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "nulls.parquet");
        var id = new DataField<string>("id");
        var role = new DataField<string>("role");
        var score = new DataField<double>("score");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, role, score), stream, null, false, default))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new[] { "a", null!, "c" });
            await group.WriteAsync(role, new[] { "chosen", "chosen", "chosen" });
            await group.WriteAsync<double>(score, new double[] { 1, 2, 3 }, null, null, default);
            group.CompleteValidate();
        }

        var e = await Assert.ThrowsAsync<InputException>(() => ScoresTable.ReadAsync(path));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(1, problem.Row);
        Assert.Equal("id", problem.Column);
    }

    [Fact]
    public async Task Reader_refuses_a_file_that_is_not_parquet()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "scores.parquet");
        await File.WriteAllTextAsync(path, "id,role,score\na,chosen,1\n");
        var e = await Assert.ThrowsAsync<InputException>(() => ScoresTable.ReadAsync(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a readable Parquet file", e.Message);
    }

    [Fact]
    public async Task Reader_refuses_a_truncated_file()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "scores.parquet");
        await ScoresParquet.WriteAsync(path, SampleRuns.Scores());
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        var e = await Assert.ThrowsAsync<InputException>(() => ScoresTable.ReadAsync(path));
        Assert.Contains(path, e.Message);
    }
}
