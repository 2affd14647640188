using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Tests.Running;

/// <summary>
/// A suite read from a Parquet file of many row groups streams through the runner chunk by chunk; these
/// tests pin that streaming changes nothing a user can see: the same metrics, counts and score rows as the
/// same items held in memory, repeats across row groups scored once, a file changed mid-run refused.
/// </summary>
public class StreamingRunTests
{
    private const int Pairs = 2_600;
    private const int RowGroupRows = 300; // nine row groups
    private static readonly Runner Runner = new(SuiteLoader.Default);

    private static RunOptions Options() => new()
    {
        OutputRoot = TestPaths.NewTempDirectory(),
        CacheDirectory = null,
        BatchSize = 16,
        Bootstrap = new(Seed: 3, Resamples: 200),
    };

    /// <summary>Pairs over three subsets; pair 2,500 repeats pair 7's prompt and answers (another id, another row group).</summary>
    private static List<CanonicalRow> Rows() => [.. Enumerable.Range(0, Pairs).Select(i =>
    {
        var source = i == 2_500 ? 7 : i;
        return new CanonicalRow
        {
            Id = $"pair-{i:D5}",
            Subset = $"s{i % 3}",
            Prompt = $"question {source} about {source % 11}",
            Chosen = [new string('c', 5 + source % 13) + $" {source}"],
            Rejected = [new string('r', 3 + source % 17) + $" {source}"],
        };
    })];

    private static async Task<(LoadedSuite Suite, string Path)> WriteSuiteAsync(List<CanonicalRow> rows)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "streamed.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows, rowGroupSize: RowGroupRows);
        var manifest = await AdHocSuite.ForFileAsync(path, SuiteLoader.Default.Kinds, CancellationToken.None);
        return ((await SuiteLoader.Default.LoadAsync([manifest], CancellationToken.None))[0], path);
    }

    [Fact]
    public async Task A_suite_of_many_row_groups_gives_the_results_of_the_same_items_in_memory()
    {
        var (streamed, path) = await WriteSuiteAsync(Rows());
        var inMemory = streamed with { Items = SuiteItems.InMemory(await streamed.Items.ReadAllAsync()) };
        Assert.Equal(9, (await DatasetInspection.InspectAsync(path, new Dictionary<string, DatasetSchema>())).RowGroupCount);

        var fromFile = await Runner.RunAsync(new LengthModel(), [streamed], Options(), null, CancellationToken.None);
        var fromMemory = await Runner.RunAsync(new LengthModel(), [inMemory], Options(), null, CancellationToken.None);

        var (a, b) = (fromFile.Result.Suites.Single(), fromMemory.Result.Suites.Single());
        Assert.Equal(b.Metrics, a.Metrics);
        Assert.Equal(b.Subsets, a.Subsets);
        Assert.Equal(b.Counts, a.Counts);
        // Batches are cut within a chunk (a row group), so a streamed run may need a few more.
        Assert.Equal(fromMemory.Result.Counts with { Batches = 0 }, fromFile.Result.Counts with { Batches = 0 });
        Assert.Equal(Pairs, a.Counts.Items);
        Assert.Equal(await fromMemory.ReadScoresAsync(), await fromFile.ReadScoresAsync());
        Assert.Equal((await fromMemory.ReadOutcomesAsync())["streamed"], (await fromFile.ReadOutcomesAsync())["streamed"]);
    }

    [Fact]
    public async Task A_request_repeated_in_a_later_row_group_is_scored_once()
    {
        var (suite, _) = await WriteSuiteAsync(Rows());
        var model = new CountingModel(new LengthModel());

        var output = await Runner.RunAsync(model, [suite], Options(), null, CancellationToken.None);

        Assert.Equal(2, suite.Items.Repeats.Count); // pair 2,500's chosen and rejected requests
        Assert.Equal(2 * Pairs, output.Result.Counts.Requests);
        Assert.Equal(2 * Pairs - 2, output.Result.Counts.UniqueRequests);
        Assert.Equal(2 * Pairs - 2, model.Scored);
        var scores = await output.ReadScoresAsync();
        Assert.Equal(2 * Pairs, scores.Count);
        Assert.Equal(scores.Single(s => s.Id == "pair-00007" && s.Role == "chosen").Score,
            scores.Single(s => s.Id == "pair-02500" && s.Role == "chosen").Score);
    }

    [Fact]
    public async Task A_dataset_changed_after_loading_is_refused_before_its_rows_are_used()
    {
        var rows = Rows();
        var (suite, path) = await WriteSuiteAsync(rows);
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows[..^1], rowGroupSize: RowGroupRows);
        var model = new CountingModel(new LengthModel());

        var error = await Assert.ThrowsAsync<InputException>(() => Runner.RunAsync(model, [suite], Options(), null, CancellationToken.None));

        Assert.Contains("changed", error.Problems.Single().Message);
        Assert.Equal(0, model.Scored);
    }

    private sealed class CountingModel(IRewardModel inner) : IRewardModel
    {
        public int Scored { get; private set; }
        public ModelInfo Info => inner.Info;

        public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            Scored += batch.Count;
            return await inner.ScoreAsync(batch, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
