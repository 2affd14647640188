using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Requests;
using RMBench.Core.Suites;
using RMBench.Tests.Data;

namespace RMBench.Tests.Kinds;

/// <summary>
/// The conventions every registered suite kind must meet (DESIGN.md section 9), run automatically for
/// each kind found by the registry: a new kind gets these tests without writing them, and fails until
/// it documents its constant-model behaviour and, if its roles are not chosen*/rejected*, its oracle.
/// </summary>
public class KindConventionTests
{
    private static readonly IReadOnlyList<ISuiteKind> Kinds = SuiteLoader.Default.Kinds.All.ToList();

    /// <summary>Documented outcome of a model that gives every request the same score, per kind and tie policy.</summary>
    private static readonly Dictionary<string, Func<SuiteItem, TiePolicy, double>> ConstantModelValue = new()
    {
        ["pairwise"] = (_, ties) => ties == TiePolicy.Half ? 0.5 : 0.0,
        ["best-of-n"] = (item, _) => CountRoles(item, "chosen") / (double)item.Requests.Count,
        // Every one of the nine comparisons ties.
        ["style-matrix"] = (_, ties) => ties == TiePolicy.Half ? 0.5 : 0.0,
        // 0.25 > the default threshold 0.0: every completion is judged correct, which is right when its label is true.
        ["verify"] = (item, _) => item.Attributes["label"] == "true" ? 1.0 : 0.0,
        ["image-pair"] = (_, ties) => ties == TiePolicy.Half ? 0.5 : 0.0,
        ["image-response"] = (_, ties) => ties == TiePolicy.Half ? 0.5 : 0.0,
        // All N responses tie at the top: the pick is each with chance 1/N, and one of them has the best gold score.
        ["bon-curve"] = (item, _) => 1.0 / item.Requests.Count,
    };

    /// <summary>
    /// Kinds whose items are judged alone against a threshold, not by comparing scores: a constant model has
    /// nothing to tie with in the item (verify's ties are the pairwise and AUROC metrics' business).
    /// </summary>
    private static readonly HashSet<string> JudgedAgainstAThreshold = ["verify"];

    /// <summary>Oracle scores for kinds whose roles are not chosen*/rejected*: request -> score from the row's label.</summary>
    private static readonly Dictionary<string, Func<DatasetRow, ItemRequest, float>> Oracles = new()
    {
        // Above the default threshold 0.0 exactly when the completion is correct.
        ["verify"] = (row, _) => row.Bool("label") ? 1f : 0f,
        // The gold scores themselves: the proxy's pick is the gold-best response.
        ["bon-curve"] = (row, request) => (float)row.DoubleList("gold")[int.Parse(request.Role["response:".Length..], System.Globalization.CultureInfo.InvariantCulture)],
    };

    public static TheoryData<string> KindNames => new(Kinds.Select(k => k.Name));

    public static TheoryData<string, string> RequiredColumns => ColumnsOfEveryKind(c => c.Required);

    public static TheoryData<string, string> ImageColumns => ColumnsOfEveryKind(c => c.Type == ColumnType.Image);

    private static TheoryData<string, string> ColumnsOfEveryKind(Func<ColumnSpec, bool> which)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds)
            foreach (var column in kind.Schema.Columns.Where(which))
                data.Add(kind.Name, column.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public async Task A_file_without_a_required_column_names_that_column(string kind, string column)
    {
        var schema = Kind(kind).Schema;
        var path = Path.Combine(TestPaths.NewTempDirectory(), "missing.parquet");
        await TestParquet.WriteAsync(path, [.. schema.Columns.Where(c => c.Required && c.Name != column).Select(c => ValidColumn(c, 3))]);

        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, schema));

        Assert.Contains(error.Problems, p => p.Column == column && p.Source.EndsWith("missing.parquet", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public async Task A_required_column_of_the_wrong_type_names_that_column(string kind, string column)
    {
        var schema = Kind(kind).Schema;
        var path = Path.Combine(TestPaths.NewTempDirectory(), "wrongtype.parquet");
        var spec = schema.Find(column)!;
        var wrong = spec.Type == ColumnType.Int ? TestParquet.Strings(column, "a", "b", "c") : TestParquet.Longs(column, 1, 2, 3);
        await TestParquet.WriteAsync(path, [.. schema.Columns.Where(c => c.Required).Select(c => c.Name == column ? wrong : ValidColumn(c, 3))]);

        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, schema));

        Assert.Contains(error.Problems, p => p.Column == column);
    }

    [Theory]
    [MemberData(nameof(ImageColumns))]
    public async Task An_undecodable_image_names_its_row_and_column(string kind, string column)
    {
        var schema = Kind(kind).Schema;
        var path = Path.Combine(TestPaths.NewTempDirectory(), "badimage.parquet");
        var spec = schema.Find(column)!;
        var images = Enumerable.Range(0, 3).Select(i => (byte[])ValidValue(spec, i)!).ToArray();
        images[2] = images[2][..^4]; // cut the IEND chunk's CRC
        await TestParquet.WriteAsync(path, [.. schema.Columns.Where(c => c.Required).Select(c => c.Name == column ? TestParquet.Binaries(column, images) : ValidColumn(c, 3))]);

        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, schema));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((2L, column), (problem.Row!.Value, problem.Column!));
        Assert.StartsWith("is not a decodable image", problem.Message);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task Valid_rows_read_back_and_build_items(string kind)
    {
        var schema = Kind(kind).Schema;
        var path = Path.Combine(TestPaths.NewTempDirectory(), "valid.parquet");
        await TestParquet.WriteAsync(path, [.. schema.Columns.Where(c => c.Required).Select(c => ValidColumn(c, 4))]);

        var dataset = await ParquetDatasetReader.ReadAsync(path, schema);

        Assert.Equal(4, dataset.Rows.Count);
        Assert.All(dataset.Rows, row => Assert.NotEmpty(Kind(kind).ToItem(row, Context(kind)).Requests));
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void An_oracle_model_scores_one(string kind)
    {
        foreach (var row in ValidRows(kind))
        {
            var item = Kind(kind).ToItem(row, Context(kind));
            var scores = item.Requests.Select(r => Oracle(kind, row, r)).ToList();
            Assert.Equal(1.0, Kind(kind).Judge(item, scores, new JudgingOptions()).Value, 12);
        }
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void A_constant_model_gets_the_documented_tie_behaviour(string kind)
    {
        Assert.True(ConstantModelValue.ContainsKey(kind), $"kind '{kind}' must document what a constant model scores (add it to {nameof(ConstantModelValue)})");
        foreach (var ties in new[] { TiePolicy.Strict, TiePolicy.Half })
            foreach (var row in ValidRows(kind))
            {
                var item = Kind(kind).ToItem(row, Context(kind));
                var outcome = Kind(kind).Judge(item, item.Requests.Select(_ => 0.25f).ToList(), new JudgingOptions(ties));
                Assert.Equal(ConstantModelValue[kind](item, ties), outcome.Value, 12);
                if (!JudgedAgainstAThreshold.Contains(kind)) Assert.True(outcome.Ties > 0, "a constant model ties, and ties are counted");
                Assert.False(outcome.Invalid);
            }
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Judging_is_a_pure_function_of_the_scores(string kind)
    {
        foreach (var row in ValidRows(kind))
        {
            var item = Kind(kind).ToItem(row, Context(kind));
            var scores = item.Requests.Select((r, i) => (float)((i * 7919 + row.Index * 104729) % 13)).ToList();
            Assert.Equal(Kind(kind).Judge(item, scores, new JudgingOptions()), Kind(kind).Judge(item, scores, new JudgingOptions()));
            Assert.Equal(item.Requests.Select(r => r.Request.Hash), Kind(kind).ToItem(row, Context(kind)).Requests.Select(r => r.Request.Hash));
        }
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void A_non_finite_score_makes_the_item_invalid(string kind)
    {
        var row = ValidRows(kind)[0];
        var item = Kind(kind).ToItem(row, Context(kind));
        var scores = item.Requests.Select(r => Oracle(kind, row, r)).ToList();
        scores[0] = float.NaN;
        Assert.True(Kind(kind).Judge(item, scores, new JudgingOptions()).Invalid);
    }

    private static ISuiteKind Kind(string name) => Kinds.Single(k => k.Name == name);

    private static SuiteContext Context(string kind)
    {
        var manifest = new SuiteManifest { Name = "conventions", Datasets = [new SuiteDataset { Path = "x.parquet", Kind = kind }] };
        return new SuiteContext("conventions", manifest);
    }

    private static float Oracle(string kind, DatasetRow row, ItemRequest request)
    {
        if (Oracles.TryGetValue(kind, out var oracle)) return oracle(row, request);
        Assert.True(request.Role.StartsWith("chosen", StringComparison.Ordinal) || request.Role.StartsWith("rejected", StringComparison.Ordinal),
            $"kind '{kind}' has role '{request.Role}': add an oracle for it to {nameof(Oracles)}");
        return request.Role.StartsWith("chosen", StringComparison.Ordinal) ? 1f : 0f;
    }

    private static int CountRoles(SuiteItem item, string prefix) => item.Requests.Count(r => r.Role.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Rows with a value for every required column (distinct per row and column; lists of the allowed length).</summary>
    private static IReadOnlyList<DatasetRow> ValidRows(string kind) =>
        Enumerable.Range(0, 4).Select(i => new DatasetRow(i, Kind(kind).Schema.Columns.Where(c => c.Required)
            .ToDictionary(c => c.Name, c => ValidValue(c, i)))).ToList();

    private static object? ValidValue(ColumnSpec column, int row) => column.Type switch
    {
        ColumnType.String => column.Name == "id" ? $"item-{row}" : $"{column.Name} {row}",
        ColumnType.StringList => (IReadOnlyList<string>)Enumerable.Range(0, ListLength(column)).Select(j => $"{column.Name} {row}.{j}").ToList(),
        ColumnType.Bool => row % 2 == 0,
        ColumnType.Binary => new byte[] { (byte)row, 1, 2, 3 },
        ColumnType.Int => (long)row,
        ColumnType.Double => row + 0.5,
        ColumnType.DoubleList => (IReadOnlyList<double>)Enumerable.Range(0, ListLength(column)).Select(j => row + j * 0.25).ToList(),
        ColumnType.Conversation => (IReadOnlyList<Turn>)[new Turn("user", $"hi {row}"), new Turn("assistant", "hello")],
        // A real PNG, distinct per row and column (size and colour), so requests differ as real images would.
        ColumnType.Image => Multimodal.TestImages.Solid(2 + row, 2, new SkiaSharp.SKColor((byte)(40 * row), (byte)column.Name.Length, 200)),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static int ListLength(ColumnSpec column) => column.ExactItems ?? Math.Max(column.MinItems ?? 1, 2);

    private static TestColumn ValidColumn(ColumnSpec column, int rows)
    {
        var values = Enumerable.Range(0, rows).Select(i => ValidValue(column, i)).ToArray();
        return column.Type switch
        {
            ColumnType.String => TestParquet.Strings(column.Name, values.Cast<string?>().ToArray()),
            ColumnType.StringList => TestParquet.StringLists(column.Name, values.Select(v => ((IReadOnlyList<string>)v!).Cast<string?>().ToArray()).ToArray()),
            ColumnType.Bool => TestParquet.Bools(column.Name, values.Cast<bool>().ToArray()),
            ColumnType.Binary or ColumnType.Image => TestParquet.Binaries(column.Name, values.Cast<byte[]>().ToArray()),
            ColumnType.Int => TestParquet.Longs(column.Name, values.Cast<long>().ToArray()),
            ColumnType.Double => TestParquet.Doubles(column.Name, values.Cast<double>().ToArray()),
            ColumnType.DoubleList => TestParquet.DoubleLists(column.Name, values.Select(v => ((IReadOnlyList<double>)v!).ToArray()).ToArray()),
            _ => throw new NotSupportedException($"no test writer for {column.Type}"),
        };
    }
}
