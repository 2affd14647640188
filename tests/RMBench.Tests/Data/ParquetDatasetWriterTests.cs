using System.Security.Cryptography;
using Parquet;
using RMBench.Core.Data;
using RMBench.Core.Requests;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Data;

public sealed class ParquetDatasetWriterTests : IDisposable
{
    private static readonly DatasetSchema StyleMatrix = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen", ColumnType.StringList, Required: true, ExactItems: 3),
        new ColumnSpec("rejected", ColumnType.StringList, Required: true, ExactItems: 3));

    private readonly string _dir = TestPaths.NewTempDirectory("rmbench-parquet-writer");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static CanonicalRow Row(string id, IReadOnlyList<string> chosen, IReadOnlyList<string> rejected) => new()
    {
        Id = id,
        Subset = "subset-" + id[0],
        Prompt = "prompt " + id,
        Chosen = chosen,
        Rejected = rejected,
    };

    private static List<CanonicalRow> PairwiseRows() =>
    [
        Row("a1", ["good"], ["bad"]) with { ChosenModel = "model-x", RejectedModel = "model-y" },
        Row("a2", [""], ["naïve 日本語 🙂"]) with { System = "sys" },
        Row("b1", ["multi\nline"], ["tab\tseparated"]) with { ChosenModel = "only-chosen" },
    ];

    [Fact]
    public async Task Pairwise_rows_round_trip()
    {
        var rows = PairwiseRows();
        var path = PathOf("pairwise.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows);
        var dataset = await ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema);

        Assert.Equal(["id", "subset", "system", "conversation", "prompt", "chosen", "rejected", "chosen_model", "rejected_model"], dataset.Columns);
        Assert.Equal(rows.Count, dataset.Rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (expected, actual) = (rows[i], dataset.Rows[i]);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.Subset, actual.Subset);
            Assert.Equal(expected.System, actual.System);
            Assert.Equal(expected.Prompt, actual.String("prompt"));
            Assert.Equal(expected.Chosen[0], actual.String("chosen"));
            Assert.Equal(expected.Rejected[0], actual.String("rejected"));
            Assert.Equal(expected.ChosenModel, actual.OptionalString("chosen_model"));
            Assert.Equal(expected.RejectedModel, actual.OptionalString("rejected_model"));
            Assert.Empty(actual.Conversation);
        }
    }

    [Fact]
    public async Task Best_of_n_rows_round_trip()
    {
        List<CanonicalRow> rows =
        [
            Row("q1", ["c"], ["r1", "r2", "r3"]),
            Row("q2", ["c1", "c2"], ["r"]),
            Row("q3", ["", "same", "same"], ["x", "", "y", "z"]),
        ];
        var path = PathOf("bon.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "best-of-n", rows);
        var read = (await ParquetDatasetReader.ReadAsync(path, new BestOfNKind().Schema)).Rows;

        Assert.Equal(rows.Select(r => r.Id), read.Select(r => r.Id));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Chosen, read[i].StringList("chosen"));
            Assert.Equal(rows[i].Rejected, read[i].StringList("rejected"));
        }
    }

    [Fact]
    public async Task Style_matrix_rows_round_trip()
    {
        List<CanonicalRow> rows = [Row("m1", ["c0", "c1", "c2"], ["r0", "r1", "r2"])];
        var path = PathOf("matrix.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "style-matrix", rows);
        var row = Assert.Single((await ParquetDatasetReader.ReadAsync(path, StyleMatrix)).Rows);
        Assert.Equal(["c0", "c1", "c2"], row.StringList("chosen"));
        Assert.Equal(["r0", "r1", "r2"], row.StringList("rejected"));
    }

    [Fact]
    public async Task Conversation_and_system_round_trip()
    {
        List<CanonicalRow> rows =
        [
            Row("c1", ["yes"], ["no"]) with
            {
                System = "You are terse.",
                Conversation = [new Turn("user", "hi"), new Turn("assistant", "hello"), new Turn("user", "")],
            },
            Row("c2", ["yes"], ["no"]),
            Row("c3", ["yes"], ["no"]) with { System = "", Conversation = [new Turn("user", "only one")] },
        ];
        var path = PathOf("conv.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows);
        var read = (await ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema)).Rows;

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].System, read[i].System);
            Assert.Equal(rows[i].Conversation, read[i].Conversation);
        }
    }

    [Fact]
    public async Task Big_files_are_written_in_several_row_groups_and_read_back_whole()
    {
        var count = 2 * ParquetDatasetWriter.RowGroupSize + 1;
        var rows = Enumerable.Range(0, count)
            .Select(i => Row($"r{i}", [$"c{i}"], [$"x{i}", "y"]) with { Conversation = i % 3 == 0 ? [new Turn("user", $"u{i}")] : [] })
            .ToList();
        var path = PathOf("big.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "best-of-n", rows);

        await using (var reader = await ParquetReader.CreateAsync(path))
            Assert.Equal(3, reader.RowGroupCount);
        var read = (await ParquetDatasetReader.ReadAsync(path, new BestOfNKind().Schema)).Rows;
        Assert.Equal(count, read.Count);
        foreach (var i in new[] { 0, 9_999, 10_000, 10_001, 19_999, 20_000 })
        {
            Assert.Equal($"r{i}", read[i].Id);
            Assert.Equal(i, read[i].Index);
            Assert.Equal([$"x{i}", "y"], read[i].StringList("rejected"));
            Assert.Equal(i % 3 == 0 ? [new Turn("user", $"u{i}")] : [], read[i].Conversation);
        }
    }

    [Fact]
    public async Task Output_is_byte_for_byte_deterministic()
    {
        var first = PathOf("one.parquet");
        var second = PathOf(Path.Combine("elsewhere", "two.parquet"));
        await ParquetDatasetWriter.WriteAsync(first, "pairwise", PairwiseRows());
        await Task.Delay(1100); // a timestamp with one-second resolution would now differ
        await ParquetDatasetWriter.WriteAsync(second, "pairwise", PairwiseRows());

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(first)), SHA256.HashData(await File.ReadAllBytesAsync(second)));
        await using var reader = await ParquetReader.CreateAsync(first);
        // The only key-value metadata is the recorded kind (no timestamp, no path).
        Assert.Equal(DatasetMetadata.For("pairwise"), reader.CustomMetadata);
    }

    [Fact]
    public async Task Writing_is_atomic_and_replaces_an_existing_file()
    {
        var path = PathOf("out.parquet");
        await File.WriteAllTextAsync(path, "old contents");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", PairwiseRows());

        Assert.Equal(["out.parquet"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.Equal(3, (await ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema)).Rows.Count);
    }

    [Fact]
    public async Task Pairwise_needs_exactly_one_chosen_and_one_rejected()
    {
        var path = PathOf("bad.parquet");
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ParquetDatasetWriter.WriteAsync(path, "pairwise", [Row("a", ["c1", "c2"], ["r"])]));
        Assert.Contains("Row 'a': kind 'pairwise' needs exactly 1 chosen answer(s), got 2", error.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("best-of-n", "needs at least 1 rejected answer(s), got 0")]
    [InlineData("style-matrix", "needs exactly 3 chosen answer(s), got 1")]
    public async Task List_kinds_check_answer_counts(string kind, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ParquetDatasetWriter.WriteAsync(PathOf("bad.parquet"), kind, [Row("a", ["c"], [])]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Unknown_kind_duplicate_ids_bad_roles_and_no_rows_are_rejected()
    {
        var path = PathOf("bad.parquet");
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => ParquetDatasetWriter.WriteAsync(path, "no-such-kind", PairwiseRows()));
        Assert.Contains("Unknown kind 'no-such-kind'", unknown.Message);

        var duplicate = await Assert.ThrowsAsync<ArgumentException>(() =>
            ParquetDatasetWriter.WriteAsync(path, "pairwise", [Row("a", ["c"], ["r"]), Row("a", ["c"], ["r"])]));
        Assert.Contains("Duplicate id 'a'", duplicate.Message);

        var role = await Assert.ThrowsAsync<ArgumentException>(() =>
            ParquetDatasetWriter.WriteAsync(path, "pairwise", [Row("a", ["c"], ["r"]) with { Conversation = [new Turn("system", "x")] }]));
        Assert.Contains("role 'user' or 'assistant'", role.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => ParquetDatasetWriter.WriteAsync(path, "pairwise", []));
        Assert.False(File.Exists(path));
    }
}
