using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Requests;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Tests.Running;

public class RunnerTests
{
    private static readonly Runner Runner = new(SuiteLoader.Default);

    private static RunOptions Options(string root) => new()
    {
        OutputRoot = root,
        CacheDirectory = Path.Combine(root, "cache"),
        BatchSize = 8,
        Bootstrap = new(Seed: 7, Resamples: 200),
    };

    [Fact]
    public async Task Identical_requests_are_scored_once_across_items_and_suites()
    {
        var root = TestPaths.NewTempDirectory();
        var model = new CountingModel(new LengthModel());
        var suites = new[] { SuiteFixtures.Pairs("a", 20), SuiteFixtures.Pairs("b", 20) }; // same prompts and answers

        var output = await Runner.RunAsync(model, suites, Options(root) with { CacheDirectory = null }, null, CancellationToken.None);

        Assert.Equal(80, output.Result.Counts.Requests);
        Assert.Equal(40, output.Result.Counts.UniqueRequests);
        Assert.Equal(40, model.Scored);
        Assert.Equal(80, (await output.ReadScoresAsync()).Count);
    }

    [Fact]
    public async Task A_repeated_run_is_served_from_the_cache_without_model_calls()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 30) };
        var first = await Runner.RunAsync(new LengthModel(), suites, Options(root), null, CancellationToken.None);
        var model = new CountingModel(new LengthModel());

        var second = await Runner.RunAsync(model, suites, Options(root), null, CancellationToken.None);

        Assert.Equal(0, model.Scored);
        Assert.Equal(0, second.Result.Counts.ModelCalls);
        Assert.Equal(60, second.Result.Counts.FromCache);
        Assert.Equal(first.Result.Suites[0].Metrics, second.Result.Suites[0].Metrics);
        Assert.NotEqual(first.Directory, second.Directory);
    }

    [Fact]
    public async Task A_model_declared_non_deterministic_is_never_cached()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 10) };
        var model = new CountingModel(new LengthModel(), deterministic: false);

        await Runner.RunAsync(model, suites, Options(root), null, CancellationToken.None);
        var second = await Runner.RunAsync(model, suites, Options(root), null, CancellationToken.None);

        Assert.Equal(40, model.Scored);
        Assert.Equal(0, second.Result.Counts.FromCache);
        Assert.False(Directory.Exists(Path.Combine(root, "cache")) && Directory.EnumerateFiles(Path.Combine(root, "cache")).Any());
    }

    [Fact]
    public async Task A_cancelled_run_is_partial_and_the_rerun_resumes_from_its_journal()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 40) };
        using var cancel = new CancellationTokenSource();
        var stopping = new CountingModel(new LengthModel(), afterBatches: 3, onLimit: cancel.Cancel);
        var options = Options(root) with { CacheDirectory = null };

        var partial = await Runner.RunAsync(stopping, suites, options, null, cancel.Token);
        var resumedModel = new CountingModel(new LengthModel());
        var resumed = await Runner.RunAsync(resumedModel, suites, options, null, CancellationToken.None);
        var uninterrupted = await Runner.RunAsync(new LengthModel(), suites, options with { Resume = false }, null, CancellationToken.None);

        Assert.Equal("partial", partial.Result.Status);
        Assert.True(resumed.Resumed);
        Assert.Equal(partial.Directory, resumed.Directory);
        Assert.Equal(24, resumed.Result.Counts.FromJournal);
        Assert.Equal(80 - 24, resumedModel.Scored);
        Assert.Equal("complete", resumed.Result.Status);
        Assert.Equal(uninterrupted.Result.Suites[0].Metrics, resumed.Result.Suites[0].Metrics);
    }

    [Fact]
    public async Task Non_finite_scores_are_recorded_as_invalid_items()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 9) };
        var model = new CountingModel(new LengthModel(), nanForResponsesContaining: "ok 3");

        var output = await Runner.RunAsync(model, suites, Options(root), null, CancellationToken.None);

        Assert.Equal(1, output.Result.Suites[0].Counts.Invalid);
        Assert.Equal(1, output.Result.Counts.Invalid);
    }

    [Fact]
    public async Task A_wrong_number_of_scores_is_a_hard_error()
    {
        var root = TestPaths.NewTempDirectory();
        var model = new CountingModel(new LengthModel(), dropOne: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Runner.RunAsync(model, [SuiteFixtures.Pairs("a", 5)], Options(root), null, CancellationToken.None));
        Assert.Contains("returned 7 scores for a batch of 8", error.Message);
    }

    [Fact]
    public async Task Batches_hold_requests_of_similar_length()
    {
        var root = TestPaths.NewTempDirectory();
        var model = new CountingModel(new LengthModel());

        await Runner.RunAsync(model, [SuiteFixtures.Pairs("a", 40)], Options(root), null, CancellationToken.None);

        var maxima = model.BatchLengths.Select(b => b.Max()).ToList();
        var minima = model.BatchLengths.Select(b => b.Min()).ToList();
        for (var i = 1; i < maxima.Count; i++) Assert.True(minima[i] >= maxima[i - 1], "batches are sorted by length");
    }

    /// <summary>Wraps a model to count calls, inject faults, or cancel after some batches.</summary>
    private sealed class CountingModel(IRewardModel inner, bool deterministic = true, int afterBatches = int.MaxValue,
        Action? onLimit = null, string? nanForResponsesContaining = null, bool dropOne = false) : IRewardModel
    {
        public int Scored { get; private set; }
        public List<int[]> BatchLengths { get; } = [];
        public ModelInfo Info { get; } = inner.Info with { Deterministic = deterministic };

        public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            if (BatchLengths.Count == afterBatches) { onLimit?.Invoke(); cancellationToken.ThrowIfCancellationRequested(); }
            Scored += batch.Count;
            BatchLengths.Add(batch.Select(e => ((IRewardModel)this).MeasureLength(e.Request)).ToArray());
            var scores = await inner.ScoreAsync(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
                if (nanForResponsesContaining is not null && batch[i].Request.Response == nanForResponsesContaining) scores[i] = float.NaN;
            return dropOne ? scores[..^1] : scores;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
