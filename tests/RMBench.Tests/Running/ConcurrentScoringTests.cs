using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Tests.Running;

public class ConcurrentScoringTests
{
    private static readonly Runner Runner = new(SuiteLoader.Default);

    private static RunOptions Options(string root) => new()
    {
        OutputRoot = root,
        CacheDirectory = null,
        BatchSize = 4,
        Bootstrap = new(Seed: 7, Resamples: 200),
    };

    [Fact]
    public async Task The_dispatcher_keeps_at_most_the_concurrency_in_flight_and_hands_over_every_batch_once()
    {
        var (inFlight, peak) = (0, 0);
        var handed = new List<int>();
        await BatchDispatcher.RunAsync(Enumerable.Range(0, 40), 5,
            async (batch, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(1 + batch * 7 % 11, ct);
                Interlocked.Decrement(ref inFlight);
                return [batch];
            },
            (batch, scores) => handed.Add((int)scores[0]),
            CancellationToken.None);

        Assert.Equal(5, peak);
        Assert.Equal(Enumerable.Range(0, 40), handed.Order());
    }

    [Fact]
    public async Task After_a_failure_the_batches_in_flight_are_still_handed_over_and_the_first_failure_is_rethrown()
    {
        var handed = new List<int>();
        var started = 0;
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => BatchDispatcher.RunAsync(Enumerable.Range(0, 100), 4,
            async (batch, ct) =>
            {
                Interlocked.Increment(ref started);
                if (batch == 2) throw new ModelUnavailableException("down");
                await Task.Delay(30, ct);
                return [batch];
            },
            (batch, scores) => handed.Add(batch),
            CancellationToken.None));

        Assert.Equal("down", error.Message);
        Assert.Equal(started - 1, handed.Count); // every started batch but the failed one
        Assert.True(started < 10, $"dispatching should stop at the failure; {started} batches started");
    }

    [Fact]
    public async Task A_concurrent_run_gives_the_same_scores_file_and_metrics_as_a_sequential_one()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 120) };
        var sequential = await Runner.RunAsync(new ShuffledLengthModel(), suites, Options(root) with { Concurrency = 1 }, null, CancellationToken.None);
        var model = new ShuffledLengthModel();

        var concurrent = await Runner.RunAsync(model, suites, Options(root) with { Resume = false }, null, CancellationToken.None);

        Assert.Equal(8, concurrent.Result.Provenance.Concurrency); // the model's default
        Assert.True(model.PeakInFlight > 1, "batches should overlap");
        Assert.Equal(sequential.Result.Suites[0].Metrics, concurrent.Result.Suites[0].Metrics);
        Assert.Equal(await sequential.ReadScoresAsync(), await concurrent.ReadScoresAsync());
        Assert.Equal(240, concurrent.Result.Counts.ModelCalls);
    }

    [Fact]
    public async Task A_model_that_becomes_unavailable_ends_the_run_partial_and_the_rerun_completes_it_identically()
    {
        var root = TestPaths.NewTempDirectory();
        var suites = new[] { SuiteFixtures.Pairs("a", 60) };
        var failing = new ShuffledLengthModel(unavailableAfterBatches: 6);

        var partial = await Runner.RunAsync(failing, suites, Options(root), null, CancellationToken.None);
        var resumed = await Runner.RunAsync(new ShuffledLengthModel(), suites, Options(root), null, CancellationToken.None);
        var uninterrupted = await Runner.RunAsync(new ShuffledLengthModel(), suites, Options(root) with { Resume = false }, null, CancellationToken.None);

        Assert.Equal("partial", partial.Result.Status);
        Assert.Contains("all replicas down", partial.Result.StatusNote);
        Assert.True(resumed.Resumed);
        Assert.Equal(partial.Result.Counts.ModelCalls, resumed.Result.Counts.FromJournal);
        Assert.Equal(120, resumed.Result.Counts.FromJournal + resumed.Result.Counts.ModelCalls);
        Assert.Equal("complete", resumed.Result.Status);
        Assert.Equal(uninterrupted.Result.Suites[0].Metrics, resumed.Result.Suites[0].Metrics);
        Assert.Equal(await uninterrupted.ReadScoresAsync(), await resumed.ReadScoresAsync());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = target; value > seen; seen = target)
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    /// <summary>Length scores after a delay that differs per batch, so batches finish out of order; concurrency 8 by default.</summary>
    private sealed class ShuffledLengthModel(int unavailableAfterBatches = int.MaxValue) : IRewardModel, IConcurrentModel
    {
        private readonly LengthModel _length = new();
        private int _inFlight, _started;
        public int PeakInFlight;
        public ModelInfo Info { get; } = new() { Id = "shuffled-length", Backend = "test", Digest = "shuffled-length-v1" };
        public int DefaultConcurrency => 8;

        public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _started);
            if (number > unavailableAfterBatches) throw new ModelUnavailableException("all replicas down (test)");
            InterlockedMax(ref PeakInFlight, Interlocked.Increment(ref _inFlight));
            try
            {
                await Task.Delay(2 + (int)(batch[0].Request.Hash[0] % 9), cancellationToken);
                return await _length.ScoreAsync(batch, cancellationToken);
            }
            finally { Interlocked.Decrement(ref _inFlight); }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public class ReportedTokenCountTests
{
    [Fact]
    public async Task Token_counts_a_model_reports_after_scoring_reach_the_scores_file()
    {
        var root = TestPaths.NewTempDirectory();
        var output = await new Runner(SuiteLoader.Default).RunAsync(new WordCountingModel(), [SuiteFixtures.Pairs("a", 5)],
            new RunOptions { OutputRoot = root, CacheDirectory = null }, null, CancellationToken.None);

        var rows = await output.ReadScoresAsync();
        Assert.All(rows, r => Assert.Equal((int)r.Score, r.TokenCount));
    }

    /// <summary>Scores a request by its word count and reports that count as its tokens, as a server's usage would.</summary>
    private sealed class WordCountingModel : IRewardModel, IReportedTokenCounts
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _tokens = new();
        public ModelInfo Info { get; } = new() { Id = "words", Backend = "test", Digest = "words-v1" };

        public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken) =>
            Task.FromResult(batch.Select(e => (float)(_tokens[e.Request.Hash] = Words(e.Request))).ToArray());

        public bool TryGetTokens(RMBench.Core.Requests.ScoringRequest request, out int tokens) => _tokens.TryGetValue(request.Hash, out tokens);

        private static int Words(RMBench.Core.Requests.ScoringRequest r) => (r.Prompt + " " + r.Response).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
