using System.Security.Cryptography;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Requests;
using RMBench.Core.Suites.Kinds;
using static RMBench.Tests.Data.TestParquet;

namespace RMBench.Tests.Data;

public sealed class ParquetDatasetReaderTests : IDisposable
{
    private static readonly DatasetSchema Pairwise = new PairwiseKind().Schema;
    private static readonly DatasetSchema BestOfN = new BestOfNKind().Schema;

    private readonly string _dir = TestPaths.NewTempDirectory("rmbench-parquet");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static TestColumn[] PairwiseColumns() =>
    [
        Strings("id", "r0", "r1", "r2"),
        Strings("subset", "s", "s", "t"),
        Strings("prompt", "p0", "p1", "p2"),
        Strings("chosen", "c0", "c1", "c2"),
        Strings("rejected", "x0", "x1", "x2"),
    ];

    private static TestColumn[] BestOfNColumns() =>
    [
        Strings("id", "r0", "r1", "r2"),
        Strings("subset", "s", "s", "s"),
        Strings("prompt", "p0", "p1", "p2"),
        StringLists("chosen", ["c0"], ["c1", "c1b"], ["c2"]),
        StringLists("rejected", ["x0"], ["x1"], ["x2", "x2b", "x2c"]),
    ];

    /// <summary>The columns with <paramref name="replacements"/> swapped in by name (or appended).</summary>
    private static TestColumn[] With(TestColumn[] columns, params TestColumn[] replacements) =>
    [
        .. columns.Select(c => replacements.FirstOrDefault(r => r.Name == c.Name) ?? c),
        .. replacements.Where(r => columns.All(c => c.Name != r.Name)),
    ];

    private static TestColumn[] Without(TestColumn[] columns, string name) => [.. columns.Where(c => c.Name != name)];

    private async Task<string> WriteAsync(string name, params TestColumn[] columns)
    {
        var path = PathOf(name);
        await TestParquet.WriteAsync(path, columns);
        return path;
    }

    private static async Task<IReadOnlyList<InputProblem>> ProblemsAsync(string path, DatasetSchema schema)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, schema));
        Assert.All(error.Problems, p => Assert.Equal(path, p.Source));
        return error.Problems;
    }

    private static async Task<InputProblem> SingleProblemAsync(string path, DatasetSchema schema) =>
        Assert.Single(await ProblemsAsync(path, schema));

    private static void AssertProblem(InputProblem problem, long? row, string? column, string message)
    {
        Assert.Equal(row, problem.Row);
        Assert.Equal(column, problem.Column);
        Assert.Contains(message, problem.Message);
    }

    // ---- files that are not readable Parquet ----

    [Fact]
    public async Task Missing_file_is_reported()
    {
        var problem = await SingleProblemAsync(PathOf("nope.parquet"), Pairwise);
        AssertProblem(problem, null, null, "file not found");
        Assert.Contains("nope.parquet", problem.ToString());
    }

    [Fact]
    public async Task Directory_is_reported()
    {
        var problem = await SingleProblemAsync(_dir, Pairwise);
        AssertProblem(problem, null, null, "is a directory");
    }

    [Fact]
    public async Task Empty_file_is_reported()
    {
        var path = PathOf("empty.parquet");
        await File.WriteAllBytesAsync(path, []);
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, null, "the file is empty (0 bytes)");
    }

    [Fact]
    public async Task Text_file_named_parquet_is_not_parquet()
    {
        var path = PathOf("text.parquet");
        await File.WriteAllTextAsync(path, "id,prompt,chosen,rejected\na,b,c,d\n");
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, null, "not a Parquet file");
    }

    [Fact]
    public async Task Truncated_file_is_reported()
    {
        var good = await WriteAsync("good.parquet", PairwiseColumns());
        var bytes = await File.ReadAllBytesAsync(good);
        var path = PathOf("truncated.parquet");
        await File.WriteAllBytesAsync(path, bytes[..^20]);
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, null, "truncated Parquet file");
    }

    [Fact]
    public async Task Damaged_footer_is_reported_without_a_library_exception()
    {
        var good = await WriteAsync("good.parquet", PairwiseColumns());
        var bytes = await File.ReadAllBytesAsync(good);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        for (var i = bytes.Length - 8 - footerLength; i < bytes.Length - 8; i++) bytes[i] ^= 0x5A;
        var path = PathOf("damaged.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, null, "damaged Parquet file");
    }

    [Fact]
    public async Task Damaged_bytes_anywhere_give_an_input_error_or_a_valid_read()
    {
        var good = await WriteAsync("good.parquet", PairwiseColumns());
        var original = await File.ReadAllBytesAsync(good);
        for (var position = 4; position < original.Length - 4; position += 7)
        {
            var bytes = (byte[])original.Clone();
            for (var i = position; i < Math.Min(position + 3, bytes.Length - 4); i++) bytes[i] ^= 0xA5;
            var path = PathOf($"flip-{position}.parquet");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                await ParquetDatasetReader.ReadAsync(path, Pairwise);
            }
            catch (InputException error)
            {
                Assert.NotEmpty(error.Problems);
            }
        }
    }

    // ---- schema problems ----

    [Fact]
    public async Task Zero_rows_are_reported()
    {
        var path = PathOf("zero.parquet");
        await WriteEmptyAsync(path, [.. PairwiseColumns().Select(c => c.Field)]);
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, null, "the file has no rows");
    }

    [Fact]
    public async Task Missing_required_column_is_reported_with_the_columns_present()
    {
        var path = await WriteAsync("missing.parquet", With(Without(PairwiseColumns(), "prompt"), Strings("Prompt", "a", "b", "c")));
        var problem = await SingleProblemAsync(path, Pairwise);
        AssertProblem(problem, null, "prompt", "required column (string) is missing; did you mean 'Prompt'?");
        Assert.Contains("columns in the file: id, subset, chosen, rejected, Prompt", problem.Message);
    }

    [Fact]
    public async Task Prompt_stored_as_int64_is_a_type_error()
    {
        var path = await WriteAsync("int.parquet", With(PairwiseColumns(), Longs("prompt", 1, 2, 3)));
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, "prompt", "has type int64; expected string");
    }

    [Fact]
    public async Task Chosen_string_where_a_list_is_required_is_a_type_error()
    {
        var path = await WriteAsync("bon.parquet", With(BestOfNColumns(), Strings("chosen", "a", "b", "c")));
        AssertProblem(await SingleProblemAsync(path, BestOfN), null, "chosen", "has type string; expected list<string>");
    }

    [Fact]
    public async Task Chosen_list_where_a_string_is_required_is_a_type_error()
    {
        var path = await WriteAsync("pair.parquet", With(PairwiseColumns(), StringLists("chosen", ["a"], ["b"], ["c"])));
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, "chosen", "has type list<string>; expected string");
    }

    [Fact]
    public async Task Conversation_without_content_field_is_a_type_error()
    {
        var path = await WriteAsync("conv.parquet", With(PairwiseColumns(), StringLists("conversation", ["hi"], [], null)));
        AssertProblem(await SingleProblemAsync(path, Pairwise), null, "conversation",
            "has type list<string>; expected list<struct<role: string, content: string>>");
    }

    // ---- value problems ----

    [Fact]
    public async Task Null_in_a_required_column_names_the_row()
    {
        var path = await WriteAsync("null.parquet", With(PairwiseColumns(), Strings("prompt", "p0", null, "p2")));
        AssertProblem(await SingleProblemAsync(path, Pairwise), 1, "prompt", "is null; this column requires a value");
    }

    [Fact]
    public async Task Null_list_in_a_required_list_column_names_the_row()
    {
        var path = await WriteAsync("nulllist.parquet", With(BestOfNColumns(), StringLists("rejected", ["x0"], null, ["x2"])));
        AssertProblem(await SingleProblemAsync(path, BestOfN), 1, "rejected", "is null; this column requires a value");
    }

    [Fact]
    public async Task Null_item_inside_a_list_names_the_row_and_item()
    {
        var path = await WriteAsync("nullitem.parquet", With(BestOfNColumns(), StringLists("chosen", ["c0"], ["c1"], ["c2", null])));
        AssertProblem(await SingleProblemAsync(path, BestOfN), 2, "chosen", "list item 1 is null");
    }

    [Fact]
    public async Task Duplicate_id_names_both_rows()
    {
        var path = await WriteAsync("dup.parquet", With(PairwiseColumns(), Strings("id", "a", "b", "a")));
        var problem = await SingleProblemAsync(path, Pairwise);
        AssertProblem(problem, 2, "id", "duplicate id 'a': rows 0 and 2 have the same id");
    }

    [Fact]
    public async Task Empty_list_where_items_are_required_is_reported()
    {
        var path = await WriteAsync("emptylist.parquet", With(BestOfNColumns(), StringLists("rejected", ["x0"], [], ["x2"])));
        AssertProblem(await SingleProblemAsync(path, BestOfN), 1, "rejected", "list is empty; at least 1 item(s) required");
    }

    [Fact]
    public async Task List_of_the_wrong_length_is_reported()
    {
        var schema = DatasetSchema.For(
            new ColumnSpec("prompt", ColumnType.String, Required: true),
            new ColumnSpec("chosen", ColumnType.StringList, Required: true, ExactItems: 3),
            new ColumnSpec("rejected", ColumnType.StringList, Required: true, ExactItems: 3));
        var path = await WriteAsync("matrix.parquet",
            Strings("id", "m0", "m1"), Strings("subset", "s", "s"), Strings("prompt", "p", "q"),
            StringLists("chosen", ["a", "b", "c"], ["a", "b"]),
            StringLists("rejected", ["a", "b", "c"], ["a", "b", "c", "d"]));
        var problems = await ProblemsAsync(path, schema);
        Assert.Equal(2, problems.Count);
        AssertProblem(problems[0], 1, "chosen", "list has 2 item(s); exactly 3 required");
        AssertProblem(problems[1], 1, "rejected", "list has 4 item(s); exactly 3 required");
    }

    [Fact]
    public async Task Conversation_role_other_than_user_or_assistant_is_reported()
    {
        var path = await WriteAsync("role.parquet", With(PairwiseColumns(), Conversations("conversation",
            [new TestTurn("user", "hi"), new TestTurn("assistant", "hello")],
            [new TestTurn("system", "be brief")],
            [])));
        AssertProblem(await SingleProblemAsync(path, Pairwise), 1, "conversation",
            "turn 0 has role 'system'; expected 'user' or 'assistant'");
    }

    [Fact]
    public async Task Conversation_null_turn_role_and_content_are_reported()
    {
        var path = await WriteAsync("turns.parquet", With(PairwiseColumns(), Conversations("conversation",
            [null],
            [new TestTurn(null, "x")],
            [new TestTurn("user", "ok"), new TestTurn("assistant", null)])));
        var problems = await ProblemsAsync(path, Pairwise);
        Assert.Equal(3, problems.Count);
        AssertProblem(problems[0], 0, "conversation", "turn 0 is null");
        AssertProblem(problems[1], 1, "conversation", "turn 0 has a null role");
        AssertProblem(problems[2], 2, "conversation", "turn 1 has null content");
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        var columns = With(Without(PairwiseColumns(), "rejected"),
            Strings("id", "a", "b", "b"),
            Strings("subset", null, "s", "s"),
            Longs("prompt", 1, 2, 3));
        var path = await WriteAsync("many.parquet", columns);
        var problems = await ProblemsAsync(path, Pairwise);
        Assert.Equal(4, problems.Count);
        AssertProblem(problems.Single(p => p.Column == "prompt"), null, "prompt", "has type int64; expected string");
        AssertProblem(problems.Single(p => p.Column == "rejected"), null, "rejected", "required column (string) is missing");
        AssertProblem(problems.Single(p => p.Column == "subset"), 0, "subset", "is null");
        AssertProblem(problems.Single(p => p.Column == "id"), 2, "id", "rows 1 and 2");
    }

    [Fact]
    public async Task Many_problems_are_capped_with_a_count_of_the_rest()
    {
        const int rows = 150;
        var path = await WriteAsync("capped.parquet",
            Strings("id", [.. Enumerable.Range(0, rows).Select(i => $"r{i}")]),
            Strings("subset", [.. Enumerable.Repeat("s", rows)]),
            Strings("prompt", new string?[rows]),
            Strings("chosen", [.. Enumerable.Repeat("c", rows)]),
            Strings("rejected", [.. Enumerable.Repeat("x", rows)]));
        var problems = await ProblemsAsync(path, Pairwise);
        Assert.Equal(101, problems.Count);
        AssertProblem(problems[99], 99, "prompt", "is null");
        AssertProblem(problems[100], null, null, "50 more problem(s) not shown");
    }

    // ---- valid files ----

    [Fact]
    public async Task Valid_pairwise_file_reads_rows_hash_and_columns()
    {
        var path = await WriteAsync("ok.parquet", With(PairwiseColumns(), Strings("extra", "e", "e", "e"), Strings("chosen_model", "m", null, "m")));
        var dataset = await ParquetDatasetReader.ReadAsync(path, Pairwise);

        Assert.Equal(path, dataset.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), dataset.Sha256);
        Assert.Equal(["id", "subset", "prompt", "chosen", "rejected", "extra", "chosen_model"], dataset.Columns);
        Assert.Equal(3, dataset.Rows.Count);
        var row = dataset.Rows[1];
        Assert.Equal(1, row.Index);
        Assert.Equal("r1", row.Id);
        Assert.Equal("s", row.Subset);
        Assert.Equal("p1", row.String("prompt"));
        Assert.Equal("c1", row.String("chosen"));
        Assert.Equal("x1", row.String("rejected"));
        Assert.Null(row.OptionalString("chosen_model"));
        Assert.Equal("m", dataset.Rows[0].OptionalString("chosen_model"));
        Assert.Null(row.System);
        Assert.Empty(row.Conversation);
        Assert.False(row.Values.ContainsKey("extra"));
    }

    [Fact]
    public async Task Conversation_and_system_are_read_as_turns()
    {
        var path = await WriteAsync("conv.parquet", With(PairwiseColumns(),
            Strings("system", "be nice", null, ""),
            Conversations("conversation", [new TestTurn("user", "hi"), new TestTurn("assistant", "hello")], [], null)));
        var rows = (await ParquetDatasetReader.ReadAsync(path, Pairwise)).Rows;
        Assert.Equal([new Turn("user", "hi"), new Turn("assistant", "hello")], rows[0].Conversation);
        Assert.Empty(rows[1].Conversation);
        Assert.Empty(rows[2].Conversation);
        Assert.Equal("be nice", rows[0].System);
        Assert.Null(rows[1].System);
        Assert.Equal("", rows[2].System);
    }

    [Fact]
    public async Task Every_logical_type_is_converted()
    {
        var schema = DatasetSchema.For(
            new ColumnSpec("flag", ColumnType.Bool, Required: true),
            new ColumnSpec("image", ColumnType.Binary, Required: true),
            new ColumnSpec("n32", ColumnType.Int, Required: true),
            new ColumnSpec("n64", ColumnType.Int, Required: true),
            new ColumnSpec("f", ColumnType.Double, Required: true),
            new ColumnSpec("d", ColumnType.Double, Required: true),
            new ColumnSpec("legacy", ColumnType.StringList, Required: true, MinItems: 1));
        var path = await WriteAsync("types.parquet",
            Strings("id", "a", "b"), Strings("subset", "s", "s"),
            Bools("flag", true, false), Binaries("image", [1, 2, 3], []),
            Ints("n32", 7, -1), Longs("n64", 1L << 40, 0), Floats("f", 0.5f, 2f), Doubles("d", 0.25, -3),
            RepeatedStrings("legacy", ["x", "y"], ["z"]));
        var rows = (await ParquetDatasetReader.ReadAsync(path, schema)).Rows;

        Assert.True(rows[0].Bool("flag"));
        Assert.False(rows[1].Bool("flag"));
        Assert.Equal([1, 2, 3], rows[0].Binary("image"));
        Assert.Empty(rows[1].Binary("image"));
        Assert.Equal(7L, rows[0].Values["n32"]);
        Assert.Equal(1L << 40, rows[0].Values["n64"]);
        Assert.Equal(0.5, rows[0].Values["f"]);
        Assert.Equal(-3.0, rows[1].Values["d"]);
        Assert.Equal(["x", "y"], rows[0].StringList("legacy"));
        Assert.Equal(["z"], rows[1].StringList("legacy"));
    }

    [Fact]
    public async Task All_row_groups_are_read_and_rows_are_numbered_across_them()
    {
        var path = PathOf("groups.parquet");
        await WriteGroupsAsync(path,
        [
            [Strings("id", "a", "b"), Strings("subset", "s", "s"), Strings("prompt", "p", "p"), StringLists("chosen", ["1"], ["2"]), StringLists("rejected", ["x"], ["y"])],
            [Strings("id", "c", "d", "e"), Strings("subset", "s", "s", "s"), Strings("prompt", "p", "p", null), StringLists("chosen", ["3"], ["4", "5"], ["6"]), StringLists("rejected", ["z"], [], ["w"])],
        ]);
        var problems = await ProblemsAsync(path, BestOfN);
        Assert.Equal(2, problems.Count);
        AssertProblem(problems[0], 3, "rejected", "list is empty");
        AssertProblem(problems[1], 4, "prompt", "is null");

        var fixedPath = PathOf("groups-ok.parquet");
        await WriteGroupsAsync(fixedPath,
        [
            [Strings("id", "a", "b"), Strings("subset", "s", "s"), Strings("prompt", "p", "p"), StringLists("chosen", ["1"], ["2"]), StringLists("rejected", ["x"], ["y"])],
            [Strings("id", "c", "d"), Strings("subset", "s", "s"), Strings("prompt", "p", "q"), StringLists("chosen", ["3"], ["4", "5"]), StringLists("rejected", ["z"], ["w"])],
        ]);
        var rows = (await ParquetDatasetReader.ReadAsync(fixedPath, BestOfN)).Rows;
        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r.Id));
        Assert.Equal([0L, 1, 2, 3], rows.Select(r => r.Index));
        Assert.Equal(["4", "5"], rows[3].StringList("chosen"));
        Assert.Equal("q", rows[3].String("prompt"));
    }

    [Fact]
    public async Task A_streamed_group_is_emptied_when_the_next_is_read_unless_the_caller_keeps_rows()
    {
        var path = PathOf("three-groups.parquet");
        await WriteGroupsAsync(path,
        [
            [Strings("id", "a", "b"), Strings("subset", "s", "s"), Strings("prompt", "p", "p"), StringLists("chosen", ["1"], ["2"]), StringLists("rejected", ["x"], ["y"])],
            [Strings("id", "c"), Strings("subset", "s"), Strings("prompt", "p"), StringLists("chosen", ["3"]), StringLists("rejected", ["z"])],
            [Strings("id", "d", "e"), Strings("subset", "s", "s"), Strings("prompt", "p", "q"), StringLists("chosen", ["4"], ["5"]), StringLists("rejected", ["w"], ["v"])],
        ]);

        // Streaming: each group's rows are there while the caller has it, and dropped once it asks for the next.
        var file = new DatasetFile(path, BestOfN);
        var (streamed, seen) = (new List<IReadOnlyList<DatasetRow>>(), new List<string>());
        await foreach (var group in file.ReadRowGroupsAsync())
        {
            seen.AddRange(group.Select(r => r.Id));
            streamed.Add(group);
        }
        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal([0, 0, 2], streamed.Select(g => g.Count));

        var kept = new List<IReadOnlyList<DatasetRow>>();
        await foreach (var group in new DatasetFile(path, BestOfN).ReadRowGroupsAsync(keepsRows: true)) kept.Add(group);
        Assert.Equal([2, 1, 2], kept.Select(g => g.Count));
    }
}
