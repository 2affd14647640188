using System.Diagnostics;
using System.Globalization;
using System.Text;
using RMBench.Core.Data;
using RMBench.Core.Metrics;
using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Results;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>What a run produced: its results and the folder holding them (scores.parquet and outcomes.parquet are written there as the run goes).</summary>
public sealed record RunOutput(RunResult Result, string Directory, bool Resumed)
{
    /// <summary>Set when this (cache-only) run equalled a finished run, which was kept instead of a new folder (<see cref="RunFolder.ReuseIdenticalFinished"/>).</summary>
    public bool Reused { get; init; }

    /// <summary>The run's scores.parquet: one row per item request, suites in run order, items in dataset order.</summary>
    public Task<IReadOnlyList<ScoreRow>> ReadScoresAsync(CancellationToken cancellationToken = default) =>
        ScoresTable.ReadAsync(Path.Combine(Directory, RunFiles.ScoresParquet), cancellationToken);

    /// <summary>The run's outcomes.parquet: judged items per suite (what the gate pairs between runs).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>>> ReadOutcomesAsync(CancellationToken cancellationToken = default) =>
        OutcomesTable.ReadAsync(Path.Combine(Directory, RunFiles.OutcomesParquet), cancellationToken);
}

/// <summary>
/// Runs one model over loaded suites, streaming: each suite's items are read one chunk (a dataset row group)
/// at a time; a chunk's requests are deduplicated, served from the <see cref="ScoreIndex"/> (this run's
/// earlier chunks, the run journal when resuming, the score cache) or scored in length-sorted batches, each
/// batch appended to the journal and the cache; its items are judged and their score rows and outcomes
/// written to scores.parquet and outcomes.parquet before the next chunk is read. What stays in memory grows
/// only by the columnar outcome of each item (<see cref="OutcomeSet"/>, from which metrics and bootstrap
/// intervals are computed at the end) and the index entries of requests that occur more than once
/// (<see cref="RequestRepeats"/>, found when the suites were loaded).
/// Owns batching, caching and the journal so that suites, kinds and metrics stay pure.
/// </summary>
public sealed class Runner(SuiteLoader loader)
{
    /// <summary>Items per row group of scores.parquet and outcomes.parquet.</summary>
    public const int OutputGroupItems = 10_000;

    public async Task<RunOutput> RunAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, RunOptions options,
        IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        // An ensemble scores the run's requests with its members first (standardisation, agreement); a member that cannot take a suite is an input error.
        if (model is Models.Ensemble.IRunPreparedModel prepared) await prepared.PrepareAsync(suites, options.BatchSize, cancellationToken);
        var started = DateTimeOffset.UtcNow;
        var modelKey = ModelKey(model.Info);
        var header = $"rmbench-journal v1 model={modelKey} requests={Fingerprint(suites)}";
        var suiteSet = RunFolder.SuiteSetName(suites.Select(s => s.Name));
        var resumeFrom = options.Resume ? RunFolder.FindUnfinished(options.OutputRoot, model.Info.Id, suiteSet, header) : null;
        var directory = resumeFrom ?? RunFolder.NewPath(options.OutputRoot, model.Info.Id, suiteSet, started);
        Directory.CreateDirectory(directory);
        // A run killed outright left its temporary Parquet files (tens of MB); the resumed run writes new ones.
        if (resumeFrom is not null) IO.PendingFile.RemoveStale(directory);
        // Generative judges: comparisons rewritten from comparative kinds, the judgment journal (ComparisonScoring.cs).
        using var comparisons = await ComparisonScoring.BeginAsync(model, suites, loader.Kinds, directory, cancellationToken);
        (model, suites) = (comparisons.Model, comparisons.Suites);

        var state = new RunState(model, options, progress, suites.Sum(s => s.Items.Requests), SharedRepeats(suites));
        using var cache = OpenCache(model.Info, modelKey, options, state.Index);
        using var journal = ScoreLog.Open(Path.Combine(directory, RunFolder.JournalFile), header, state.Index, ScoreOrigin.Journal);
        (state.Journal, state.Cache) = (journal, cache);
        await using var scoresFile = await ScoresFileWriter.CreateAsync(Path.Combine(directory, RunFiles.ScoresParquet), cancellationToken);
        await using var outcomesFile = await OutcomesFileWriter.CreateAsync(Path.Combine(directory, RunFiles.OutcomesParquet), cancellationToken);
        state.Report();

        var suiteResults = new List<SuiteResult>();
        foreach (var suite in suites)
        {
            var tally = new SuiteTally(suite, model.Info);
            if (!state.Cancelled)
            {
                // Judged chunks are written in row groups of about OutputGroupItems items (a chunk is smaller).
                var (rows, outcomes) = (new List<ScoreRow>(), new List<ItemOutcome>());
                async Task FlushAsync()
                {
                    await scoresFile.AppendAsync(rows, CancellationToken.None);
                    await outcomesFile.AppendAsync(suite.Name, outcomes, CancellationToken.None);
                    (rows, outcomes) = (new List<ScoreRow>(), new List<ItemOutcome>());
                    // The writes complete on an I/O thread whose stack would run the next chunks inline, its
                    // frames still holding the written rows; continue on a fresh stack so that they can go.
                    await Task.Yield();
                }
                // Pre-tokenizing models: the whole suite is tokenized and scored first, then its items are read again for judging.
                using var suitePlan = state.Model is IPreTokenizingModel preTokenizing
                    ? await ScoreSuiteAsync(state, tally, preTokenizing, cancellationToken)
                    : null;
                try
                {
                    await foreach (var chunk in suite.Items.ReadChunksAsync(suitePlan is null ? cancellationToken : CancellationToken.None))
                    {
                        var judged = suitePlan is null
                            ? await RunChunkAsync(state, tally, chunk, cancellationToken)
                            : JudgeFromPlan(state, tally, chunk, suitePlan);
                        rows.AddRange(judged.Rows);
                        outcomes.AddRange(judged.Outcomes);
                        if (outcomes.Count >= OutputGroupItems) await FlushAsync();
                        if (state.Cancelled && suitePlan is null) break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    state.Cancelled = true; // report what was scored as a partial run; the journal lets a rerun resume
                }
                await FlushAsync();
                StageTrace.Mark($"{suite.Name}: scored, judged and written");
            }
            StreamedGroups.AfterSuite(suite.Items.Count);
            suiteResults.Add(tally.Result(options));
        }
        await scoresFile.CommitAsync(CancellationToken.None);
        await outcomesFile.CommitAsync(CancellationToken.None);
        IO.PendingFile.RemoveStale(directory);

        var complete = !state.Cancelled;
        if (complete) journal.MarkComplete();
        var result = new RunResult
        {
            Status = complete ? "complete" : "partial",
            StatusNote = complete ? null : state.StoppedBecause ?? "stopped before the end (interrupted); rerun the same command to resume",
            Model = model.Info,
            Suites = await comparisons.FinishAsync(suiteResults, directory, CancellationToken.None),
            Provenance = ProvenanceProbe.Describe(options, started, DateTimeOffset.UtcNow) with
            {
                ExecutionProvider = (model as IThroughputReporting)?.ExecutionProvider ?? "cpu",
                BatchTokens = state.TokenBudget,
                Concurrency = state.Concurrency,
            },
            Throughput = state.Meter.Result(),
            ModelCounters = (model as IModelCounters)?.Counters,
            Ensemble = (model as Models.Ensemble.IEnsembleReporting)?.Report,
            Sample = options.Sample,
            Counts = new RunCounts
            {
                Requests = checked((int)state.Requests),
                UniqueRequests = state.Unique,
                ModelCalls = state.ModelCalls,
                FromCache = state.FromCache,
                FromJournal = state.FromJournal,
                Invalid = state.Invalid,
                Batches = state.Batches,
            },
        };
        StageTrace.Mark("run finished");
        return new RunOutput(result, directory, resumeFrom is not null);
    }

    /// <summary>Scores one chunk of a suite's items (what the index does not hold) and judges them.</summary>
    private async Task<(List<ScoreRow> Rows, List<ItemOutcome> Outcomes)> RunChunkAsync(RunState state, SuiteTally tally,
        IReadOnlyList<SuiteItem> chunk, CancellationToken cancellationToken)
    {
        var items = tally.Supported(chunk);
        var plan = RequestPlan.Build([(tally.Suite.Name, items)]);
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        var missing = new List<PlannedRequest>();
        foreach (var planned in plan.Unique)
        {
            var hash = planned.Request.Hash;
            if (state.Index.TryGet(hash, out var score, out var origin))
            {
                scores[hash] = score;
                if (origin == ScoreOrigin.Run) continue; // scored or used earlier in this run
                state.Index.Set(hash, score, ScoreOrigin.Run);
                state.CountUnique(score, origin);
            }
            else missing.Add(planned);
        }
        state.Requests += plan.TotalRequests - missing.Sum(p => p.Origins.Count);
        state.Report();

        var measures = new Dictionary<string, TokenMeasure>(StringComparer.Ordinal);
        var batches = Batcher.ByLength(missing, p => Length(state.Model, p.Request, measures), state.Options.BatchSize, state.TokenBudget, state.PaddingBound)
            .Select(batch => (Batch: batch, Tokens: state.Model is ITokenizingModel ? batch.Sum(p => (long)Measure(state.Model, p.Request, measures)!.Value.Tokens) : (long?)null));
        try
        {
            await BatchDispatcher.RunAsync(batches, state.Concurrency,
                async (b, ct) =>
                {
                    state.Meter.Start();
                    try { return await ScoreBatchAsync(state.Model, b.Batch, ct); }
                    finally { state.Meter.Stop(b.Batch.Count, b.Tokens); }
                },
                (b, batchScores) => Record(state, b.Batch, batchScores, scores),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state.Cancelled = true; // judge what this chunk has; the journal lets a rerun resume
        }
        catch (ModelUnavailableException e)
        {
            // Everything scored so far is journaled; the run ends partial and the same command resumes it.
            (state.Cancelled, state.StoppedBecause) = (true, e.Message);
        }
        return Judge(tally, items, scores, state.Model, measures, state.Options);
    }

    /// <summary>
    /// Whole-suite scoring for a <see cref="IPreTokenizingModel"/>: (1) the suite's items are read chunk by chunk, their
    /// unique requests not in the index are tokenized on every core and planned (<see cref="SuiteTokenPlan"/>: ids in a
    /// temporary file); (2) the plan is sorted by exact length across the suite, cut into batches under the row cap, the
    /// token budget (the smaller of --batch-tokens and the device's preference) and the padding bound, and scored, each
    /// batch journaled and cached as in the chunked path. A stop (cancel, unavailable model) ends scoring; the caller
    /// then judges what was scored, reading the items again.
    /// </summary>
    private static async Task<SuiteTokenPlan> ScoreSuiteAsync(RunState state, SuiteTally tally, IPreTokenizingModel model, CancellationToken cancellationToken)
    {
        var plan = new SuiteTokenPlan();
        try
        {
            await foreach (var chunk in tally.Suite.Items.ReadChunksAsync(cancellationToken))
            {
                var requests = RequestPlan.Build([(tally.Suite.Name, tally.Supported(chunk, count: false))]);
                var missing = new List<PlannedRequest>();
                foreach (var planned in requests.Unique)
                {
                    var hash = planned.Request.Hash;
                    if (plan.AddOccurrences(hash, planned.Origins.Count)) continue; // planned from an earlier chunk
                    if (state.Index.TryGet(hash, out var score, out var origin))
                    {
                        state.Requests += planned.Origins.Count;
                        if (origin == ScoreOrigin.Run) continue;
                        state.Index.Set(hash, score, ScoreOrigin.Run);
                        state.CountUnique(score, origin);
                    }
                    else missing.Add(planned);
                }
                var tokenized = new TokenizedRequest[missing.Count];
                Parallel.For(0, missing.Count, new ParallelOptions { CancellationToken = cancellationToken },
                    i => tokenized[i] = model.Tokenize(missing[i].Request));
                for (var i = 0; i < missing.Count; i++) plan.Add(missing[i].Request.Hash, tokenized[i], missing[i].Origins.Count);
                state.Report();
            }
            plan.Complete();
            StageTrace.Mark($"{tally.Suite.Name}: tokenized");
            var shape = model.PreferredBatchShape;
            var batches = Batcher.Cut(plan.ByLength(), state.Options.BatchSize, Batcher.TokenBudget(state.TokenBudget, shape), state.PaddingBound, shape?.MinRows ?? 1)
                .Select(entries => (Entries: entries, Read: plan.Read(entries)));
            await BatchDispatcher.RunAsync(batches, state.Concurrency,
                async (b, ct) =>
                {
                    state.Meter.Start();
                    try { return CheckCount(state.Model, await model.ScoreTokenizedAsync(b.Read.Rows, ct), b.Entries.Count); }
                    finally { state.Meter.Stop(b.Entries.Count, b.Read.Rows.Sum(r => (long)r.Ids.Length)); }
                },
                (b, scores) => RecordPlanned(state, plan, b.Entries, b.Read.Hashes, scores),
                cancellationToken);
            StageTrace.Mark($"{tally.Suite.Name}: scored");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state.Cancelled = true; // judge what was scored; the journal lets a rerun resume
        }
        catch (ModelUnavailableException e)
        {
            (state.Cancelled, state.StoppedBecause) = (true, e.Message);
        }
        catch
        {
            plan.Dispose();
            throw;
        }
        return plan;
    }

    /// <summary>A scored batch of planned requests: journaled and cached at once, its scores kept in the plan for judging.</summary>
    private static void RecordPlanned(RunState state, SuiteTokenPlan plan, IReadOnlyList<int> entries, string[] hashes, float[] batchScores)
    {
        JournalBatch(state, hashes, batchScores);
        for (var i = 0; i < entries.Count; i++)
        {
            plan.SetScore(entries[i], batchScores[i]);
            state.Requests += plan.Occurrences(entries[i]);
        }
        state.Report();
    }

    /// <summary>Judges a chunk of a suite scored by <see cref="ScoreSuiteAsync"/>: scores and token counts from the plan, else from the index.</summary>
    private (List<ScoreRow> Rows, List<ItemOutcome> Outcomes) JudgeFromPlan(RunState state, SuiteTally tally, IReadOnlyList<SuiteItem> chunk, SuiteTokenPlan plan)
    {
        var items = tally.Supported(chunk);
        var model = (IPreTokenizingModel)state.Model;
        var (scores, measures) = (new Dictionary<string, float>(StringComparer.Ordinal), new Dictionary<string, TokenMeasure>(StringComparer.Ordinal));
        foreach (var request in items.SelectMany(item => item.Requests).Select(r => r.Request))
        {
            if (measures.ContainsKey(request.Hash)) continue;
            if (plan.TryGet(request.Hash, out var score, out var scored, out var measure))
            {
                if (scored) scores[request.Hash] = score;
                measures[request.Hash] = measure;
            }
            else if (state.Index.TryGet(request.Hash, out score, out _))
            {
                scores[request.Hash] = score;
                var tokenized = model.Tokenize(request); // a score from the journal, the cache or another suite: its token count for the row
                measures[request.Hash] = new TokenMeasure(tokenized.Ids.Length, tokenized.Truncated);
            }
        }
        return Judge(tally, items, scores, state.Model, measures, state.Options);
    }

    /// <summary>A scored batch: journaled and cached at once (flushed to disk), then its scores are kept for judging.</summary>
    private static void Record(RunState state, IReadOnlyList<PlannedRequest> batch, float[] batchScores, Dictionary<string, float> scores)
    {
        var hashes = batch.Select(p => p.Request.Hash).ToList();
        JournalBatch(state, hashes, batchScores);
        for (var i = 0; i < hashes.Count; i++) scores[hashes[i]] = batchScores[i];
        state.Requests += batch.Sum(p => p.Origins.Count);
        state.Report();
    }

    /// <summary>
    /// What every scored batch does, chunked or whole-suite: journal and cache (flushed to disk), the index keeps a score
    /// only when the request occurs again (another chunk or suite), and the counts.
    /// </summary>
    private static void JournalBatch(RunState state, IReadOnlyList<string> hashes, float[] batchScores)
    {
        var entries = hashes.Select((hash, i) => (hash, batchScores[i])).ToList();
        state.Journal!.Append(entries);
        state.Cache?.Append(entries.Where(e => float.IsFinite(e.Item2)).ToList());
        foreach (var (hash, score) in entries)
        {
            if (state.MayRepeat(hash)) state.Index.Set(hash, score, ScoreOrigin.Run);
            state.CountUnique(score, null);
        }
        state.ModelCalls += hashes.Count;
        state.Batches++;
    }

    private (List<ScoreRow>, List<ItemOutcome>) Judge(SuiteTally tally, IReadOnlyList<SuiteItem> items, Dictionary<string, float> scores,
        IRewardModel model, Dictionary<string, TokenMeasure> measures, RunOptions options)
    {
        var rows = new List<ScoreRow>();
        var outcomes = new List<ItemOutcome>();
        var suite = tally.Suite;
        foreach (var item in items)
        {
            var itemScores = new float[item.Requests.Count];
            var scored = true;
            for (var i = 0; i < item.Requests.Count; i++)
            {
                var request = item.Requests[i];
                if (!scores.TryGetValue(request.Request.Hash, out itemScores[i])) { scored = false; continue; }
                var measure = Measure(model, request.Request, measures);
                if (measure is { Truncated: true }) tally.TruncatedRequests++;
                rows.Add(new ScoreRow(suite.Name, item.Id, item.Subset, request.Role, itemScores[i], measure?.Tokens ?? ReportedTokens(model, request.Request), request.Request.Hash)
                {
                    ResponseChars = LengthModel.CountCodePoints(request.Request.Response),
                });
            }
            if (!scored) continue;
            var outcome = ComparisonScoring.Judge(loader.Kinds.Get(item.Kind, suite.Manifest.ManifestPath), item, itemScores, options.Judging);
            outcomes.Add(outcome);
            tally.Add(outcome);
        }
        return (rows, outcomes);
    }

    /// <summary>
    /// The repeats of the suites when they were loaded together (one shared <see cref="RequestRepeats"/>);
    /// null otherwise, and then every request is kept in the index (a repeat across separately loaded suites
    /// could not be told).
    /// </summary>
    private static RequestRepeats? SharedRepeats(IReadOnlyList<LoadedSuite> suites)
    {
        var distinct = suites.Select(s => s.Items.Repeats).Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    /// <summary>Hash over the suites' names and request fingerprints: a journal resumes only the same requests.</summary>
    private static string Fingerprint(IReadOnlyList<LoadedSuite> suites) =>
        IO.Sha256.Hex(string.Join("\n", suites.Select(s => s.Name + "=" + s.Items.Fingerprint)));

    /// <summary>What the whole run accumulates across suites and chunks.</summary>
    private sealed class RunState(IRewardModel model, RunOptions options, IProgress<RunProgress>? progress, long totalRequests,
        RequestRepeats? repeats)
    {
        public IRewardModel Model { get; } = model;
        public RunOptions Options { get; } = options;
        /// <summary>Journal and cache entries, and the scores of requests that occur again later in the run.</summary>
        public ScoreIndex Index { get; } = new(repeats?.Count ?? totalRequests);

        /// <summary>Whether a request may occur again in this run (its score must then stay in the index).</summary>
        public bool MayRepeat(string requestHash) => repeats is null || repeats.Contains(requestHash);
        public ThroughputMeter Meter { get; } = new(model);
        public int? TokenBudget { get; } = model is ITokenizingModel ? options.BatchTokens : null;
        public double? PaddingBound { get; } = model is ITokenizingModel ? options.MaxPadding : null;
        public ScoreLog? Journal { get; set; }
        public ScoreLog? Cache { get; set; }
        public bool Cancelled { get; set; }
        /// <summary>Why the run stopped before the end when the model (not the user) stopped it.</summary>
        public string? StoppedBecause { get; set; }
        /// <summary>Batches in flight at once: the run's setting, else the model's own default, else one.</summary>
        public int Concurrency { get; } = ModelConcurrency.Of(model, options.Concurrency);
        public long Requests { get; set; }
        public int Unique { get; private set; }
        public int FromCache { get; private set; }
        public int FromJournal { get; private set; }
        public int Invalid { get; private set; }
        public int ModelCalls { get; set; }
        public int Batches { get; set; }

        /// <summary>A request seen for the first time in this run, with where its score came from (null: the model).</summary>
        public void CountUnique(float score, ScoreOrigin? origin)
        {
            Unique++;
            if (origin == ScoreOrigin.Cache) FromCache++;
            if (origin == ScoreOrigin.Journal) FromJournal++;
            if (!float.IsFinite(score)) Invalid++;
        }

        public void Report() => progress?.Report(new RunProgress(
            (int)Math.Min(int.MaxValue, Requests), (int)Math.Min(int.MaxValue, totalRequests), FromCache, FromJournal));
    }

    /// <summary>One suite's counts and columnar outcomes, added to chunk by chunk.</summary>
    private sealed class SuiteTally(LoadedSuite suite, ModelInfo model)
    {
        private readonly OutcomeSet.Builder _outcomes = new(suite.Items.Count, MetricEngine.NeedsOutcomes(suite.Manifest));
        private readonly HashSet<ModelCapabilities> _missingNeeds = [];
        private int _unsupported, _requests, _truncatedContext, _ties, _invalid;

        public LoadedSuite Suite { get; } = suite;
        public int TruncatedRequests { get; set; }

        /// <summary>The items the model can score; the others are counted (see <see cref="SuiteSupport"/>).</summary>
        /// <param name="count">False for a pass that reads the items again (whole-suite scoring plans them before judging).</param>
        public IReadOnlyList<SuiteItem> Supported(IReadOnlyList<SuiteItem> chunk, bool count = true)
        {
            var supported = new List<SuiteItem>(chunk.Count);
            foreach (var item in chunk)
            {
                var needs = SuiteSupport.Needs(item);
                if (!model.Capabilities.HasFlag(needs))
                {
                    if (!count) continue;
                    _unsupported++;
                    _missingNeeds.Add(needs);
                    continue;
                }
                supported.Add(item);
                if (!count) continue;
                _requests += item.Requests.Count;
                if (item.Truncated) _truncatedContext++;
            }
            return supported;
        }

        public void Add(ItemOutcome outcome)
        {
            _outcomes.Add(outcome);
            _ties += outcome.Ties;
            if (outcome.Invalid) _invalid++;
        }

        public SuiteResult Result(RunOptions options)
        {
            var set = _outcomes.Build();
            var metrics = MetricEngine.Evaluate(set, Suite.Manifest, options.Bootstrap);
            var result = new SuiteResult
            {
                Name = Suite.Name,
                Description = Suite.Manifest.Description,
                Anchor = Suite.Manifest.Anchor,
                Kinds = Suite.Kinds,
                Datasets = Suite.Datasets,
                Headline = Suite.Manifest.HeadlineKey,
                Sections = Suite.Manifest.Sections,
                Metrics = metrics.Metrics,
                Subsets = metrics.Subsets,
                Counts = new SuiteCounts
                {
                    Items = set.Count,
                    Requests = _requests,
                    Ties = _ties,
                    Invalid = _invalid,
                    Truncated = TruncatedRequests,
                    TruncatedContext = _truncatedContext,
                },
            };
            return SuiteSupport.Annotate(result, Suite.Items.Count, _unsupported, _missingNeeds, model);
        }
    }

    private static async Task<float[]> ScoreBatchAsync(IRewardModel model, IReadOnlyList<PlannedRequest> batch, CancellationToken cancellationToken)
    {
        var entries = batch.Select(p => new ScoringBatchEntry(p.Request, p.Origins)).ToList();
        return CheckCount(model, await model.ScoreAsync(entries, cancellationToken), batch.Count);
    }

    private static float[] CheckCount(IRewardModel model, float[] scores, int requests) =>
        scores.Length == requests ? scores
            : throw new InvalidOperationException($"model '{model.Info.Id}' returned {scores.Length} scores for a batch of {requests} requests");

    private static ScoreLog? OpenCache(ModelInfo info, string modelKey, RunOptions options, ScoreIndex index)
    {
        if (options.CacheDirectory is null || !info.Deterministic || !info.Cacheable) return null;
        var file = Path.Combine(options.CacheDirectory, $"{RunFolder.Sanitize(info.Id)}-{modelKey[..16]}.jsonl");
        return ScoreLog.Open(file, $"rmbench-cache v1 model={modelKey}", index, ScoreOrigin.Cache);
    }

    /// <summary>Identity of a model for caching: backend, id, digest and settings.</summary>
    public static string ModelKey(ModelInfo info)
    {
        var text = new StringBuilder()
            .Append(info.Backend).Append('\n').Append(info.Id).Append('\n').Append(info.Digest).Append('\n');
        foreach (var (key, value) in info.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value).Append('\n');
        return IO.Sha256.Hex(text.ToString());
    }

    /// <summary>Token counts a server reported with the scores (null when the model reports none, or for a score from the journal).</summary>
    private static int? ReportedTokens(IRewardModel model, Requests.ScoringRequest request) =>
        model is IReportedTokenCounts reporting && reporting.TryGetTokens(request, out var tokens) ? tokens : null;

    /// <summary>Batching length: tokens for tokenizing models (measured once per request), else the model's own measure.</summary>
    private static int Length(IRewardModel model, Requests.ScoringRequest request, Dictionary<string, TokenMeasure> measures) =>
        Measure(model, request, measures)?.Tokens ?? model.MeasureLength(request);

    private static TokenMeasure? Measure(IRewardModel model, Requests.ScoringRequest request, Dictionary<string, TokenMeasure> measures)
    {
        if (model is not ITokenizingModel tokenizing) return null;
        if (!measures.TryGetValue(request.Hash, out var measure))
            measures[request.Hash] = measure = tokenizing.Measure(request);
        return measure;
    }
}

/// <summary>Describes where and how a run happened, for run.json.</summary>
public static class ProvenanceProbe
{
    public static Provenance Describe(RunOptions options, DateTimeOffset started, DateTimeOffset finished) => new()
    {
        HarnessVersion = typeof(Runner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        GitCommit = GitCommit(),
        StartedAt = started.ToString("O", CultureInfo.InvariantCulture),
        FinishedAt = finished.ToString("O", CultureInfo.InvariantCulture),
        Machine = new MachineInfo(
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString(),
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            Environment.MachineName),
        BootstrapSeed = options.Bootstrap.Seed,
        BootstrapResamples = options.Bootstrap.Resamples,
        ModelSeed = options.ModelSeed,
        Ties = options.Judging.Ties == TiePolicy.Half ? "half" : "strict",
        BatchSize = options.BatchSize,
        BatchTokens = options.BatchTokens,
        CommandLine = options.CommandLine,
    };

    /// <summary>The commit of the repository the harness runs from, read from .git without starting git; null outside a checkout.</summary>
    public static string? GitCommit()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (File.Exists(git)) git = ResolveGitFile(git, dir.FullName);
                if (Directory.Exists(git)) return ReadHead(git);
            }
        return null;
    }

    /// <summary>A worktree's .git is a file "gitdir: PATH".</summary>
    private static string ResolveGitFile(string gitFile, string root)
    {
        var line = File.ReadAllText(gitFile).Trim();
        return line.StartsWith("gitdir:", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(root, line[7..].Trim())) : gitFile;
    }

    private static string? ReadHead(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile)) return null;
        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return head;
        var reference = head[5..];
        var commonDir = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
            : gitDir;
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose)) return File.ReadAllText(loose).Trim();
            var packed = Path.Combine(dir, "packed-refs");
            if (File.Exists(packed))
                foreach (var line in File.ReadLines(packed))
                    if (line.EndsWith(" " + reference, StringComparison.Ordinal)) return line[..line.IndexOf(' ')];
        }
        return null;
    }
}
