using System.Diagnostics;
using System.Globalization;
using System.Text;
using RMBench.Core.Metrics;
using RMBench.Core.Models;
using RMBench.Core.Models.Baselines;
using RMBench.Core.Results;
using RMBench.Core.Suites;

namespace RMBench.Core.Running;

/// <summary>What a run produced: the results, one score row per item request, and where it lives.</summary>
/// <param name="Outcomes">Judged items per suite name, in id order (what the gate pairs between runs).</param>
public sealed record RunOutput(RunResult Result, IReadOnlyList<ScoreRow> Scores, IReadOnlyDictionary<string, IReadOnlyList<ItemOutcome>> Outcomes,
    string Directory, bool Resumed);

/// <summary>
/// Runs one model over loaded suites: flattens items into unique requests, serves what it can from the
/// run journal (resume) and the score cache, scores the rest in length-sorted batches, appends every
/// batch to the journal and the cache, then judges items and computes metrics from the recorded scores.
/// Owns batching, caching and the journal so that suites, kinds and metrics stay pure.
/// </summary>
public sealed class Runner(SuiteLoader loader)
{
    public async Task<RunOutput> RunAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, RunOptions options,
        IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        // Items the model cannot take (images for a text-only model) are left out here and counted per suite.
        var original = suites;
        var support = suites.Select(s => SuiteSupport.Filter(s, model.Info.Capabilities)).ToList();
        suites = [.. support.Select(s => s.Suite)];
        var plan = RequestPlan.Build(suites);
        var modelKey = ModelKey(model.Info);
        var header = $"rmbench-journal v1 model={modelKey} requests={plan.Fingerprint()}";
        var suiteSet = RunFolder.SuiteSetName(suites.Select(s => s.Name));
        var resumeFrom = options.Resume ? RunFolder.FindUnfinished(options.OutputRoot, model.Info.Id, suiteSet, header) : null;
        var directory = resumeFrom ?? RunFolder.NewPath(options.OutputRoot, model.Info.Id, suiteSet, started);
        Directory.CreateDirectory(directory);

        using var journal = ScoreLog.Open(Path.Combine(directory, RunFolder.JournalFile), header);
        using var cache = OpenCache(model.Info, modelKey, options);
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        var (fromJournal, fromCache) = (0, 0);
        foreach (var planned in plan.Unique)
        {
            var hash = planned.Request.Hash;
            if (journal.Scores.TryGetValue(hash, out var score)) { scores[hash] = score; fromJournal++; }
            else if (cache is not null && cache.Scores.TryGetValue(hash, out score)) { scores[hash] = score; fromCache++; }
        }
        var missing = plan.Unique.Where(p => !scores.ContainsKey(p.Request.Hash)).ToList();
        var measures = new Dictionary<string, TokenMeasure>(StringComparer.Ordinal);
        progress?.Report(new RunProgress(scores.Count, plan.Unique.Count, fromCache, fromJournal));

        var (modelCalls, batches) = (0, 0);
        var cancelled = false;
        var meter = new ThroughputMeter(model);
        var tokenBudget = model is ITokenizingModel ? options.BatchTokens : null;
        try
        {
            foreach (var batch in Batcher.ByLength(missing, p => Length(model, p.Request, measures), options.BatchSize, tokenBudget))
            {
                cancellationToken.ThrowIfCancellationRequested();
                meter.Start();
                var batchScores = await ScoreBatchAsync(model, batch, cancellationToken);
                meter.Stop(batch.Count, model is ITokenizingModel ? batch.Sum(p => (long)Measure(model, p.Request, measures)!.Value.Tokens) : null);
                var entries = batch.Select((p, i) => (p.Request.Hash, batchScores[i])).ToList();
                journal.Append(entries);
                cache?.Append(entries.Where(e => float.IsFinite(e.Item2)).ToList());
                foreach (var (hash, score) in entries) scores[hash] = score;
                modelCalls += batch.Count;
                batches++;
                progress?.Report(new RunProgress(scores.Count, plan.Unique.Count, fromCache, fromJournal));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true; // report what was scored as a partial run; the journal lets a rerun resume
        }

        var suiteResults = new List<SuiteResult>();
        var scoreRows = new List<ScoreRow>();
        var outcomes = new Dictionary<string, IReadOnlyList<ItemOutcome>>(StringComparer.Ordinal);
        for (var index = 0; index < suites.Count; index++)
        {
            var suite = suites[index];
            var (suiteResult, rows, suiteOutcomes) = Evaluate(suite, scores, options, model, measures);
            suiteResults.Add(SuiteSupport.Annotate(suiteResult, original[index], support[index].Unsupported, model.Info));
            scoreRows.AddRange(rows);
            outcomes[suite.Name] = suiteOutcomes;
        }
        var complete = !cancelled && scores.Count == plan.Unique.Count;
        if (complete) journal.MarkComplete();
        var result = new RunResult
        {
            Status = complete ? "complete" : "partial",
            Model = model.Info,
            Suites = suiteResults,
            Provenance = ProvenanceProbe.Describe(options, started, DateTimeOffset.UtcNow) with
            {
                ExecutionProvider = (model as IThroughputReporting)?.ExecutionProvider ?? "cpu",
                BatchTokens = tokenBudget,
            },
            Throughput = meter.Result(),
            Counts = new RunCounts
            {
                Requests = plan.TotalRequests,
                UniqueRequests = plan.Unique.Count,
                ModelCalls = modelCalls,
                FromCache = fromCache,
                FromJournal = fromJournal,
                Invalid = scores.Values.Count(s => !float.IsFinite(s)),
                Batches = batches,
            },
        };
        return new RunOutput(result, scoreRows, outcomes, directory, resumeFrom is not null);
    }

    private static async Task<float[]> ScoreBatchAsync(IRewardModel model, IReadOnlyList<PlannedRequest> batch, CancellationToken cancellationToken)
    {
        var entries = batch.Select(p => new ScoringBatchEntry(p.Request, p.Origins)).ToList();
        var scores = await model.ScoreAsync(entries, cancellationToken);
        if (scores.Length != batch.Count)
            throw new InvalidOperationException(
                $"model '{model.Info.Id}' returned {scores.Length} scores for a batch of {batch.Count} requests");
        return scores;
    }

    private static ScoreLog? OpenCache(ModelInfo info, string modelKey, RunOptions options)
    {
        if (options.CacheDirectory is null || !info.Deterministic || !info.Cacheable) return null;
        var file = Path.Combine(options.CacheDirectory, $"{RunFolder.Sanitize(info.Id)}-{modelKey[..16]}.jsonl");
        return ScoreLog.Open(file, $"rmbench-cache v1 model={modelKey}");
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

    private (SuiteResult, List<ScoreRow>, IReadOnlyList<ItemOutcome>) Evaluate(LoadedSuite suite, IReadOnlyDictionary<string, float> scores, RunOptions options,
        IRewardModel model, Dictionary<string, TokenMeasure> measures)
    {
        var truncatedRequests = 0;
        var outcomes = new List<ItemOutcome>();
        var rows = new List<ScoreRow>();
        foreach (var item in suite.Items.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var itemScores = new float[item.Requests.Count];
            var scored = true;
            for (var i = 0; i < item.Requests.Count; i++)
            {
                var request = item.Requests[i];
                if (!scores.TryGetValue(request.Request.Hash, out itemScores[i])) { scored = false; continue; }
                var measure = Measure(model, request.Request, measures);
                if (measure is { Truncated: true }) truncatedRequests++;
                rows.Add(new ScoreRow(suite.Name, item.Id, item.Subset, request.Role, itemScores[i], measure?.Tokens, request.Request.Hash)
                {
                    ResponseChars = LengthModel.CountCodePoints(request.Request.Response),
                });
            }
            if (scored) outcomes.Add(loader.Kinds.Get(item.Kind, suite.Manifest.ManifestPath).Judge(item, itemScores, options.Judging));
        }
        var metrics = MetricEngine.Evaluate(outcomes, suite.Manifest, options.Bootstrap);
        var result = new SuiteResult
        {
            Name = suite.Name,
            Description = suite.Manifest.Description,
            Anchor = suite.Manifest.Anchor,
            Kinds = suite.Kinds,
            Datasets = suite.Datasets,
            Headline = suite.Manifest.HeadlineKey,
            Sections = suite.Manifest.Sections,
            Metrics = metrics.Metrics,
            Subsets = metrics.Subsets,
            Counts = new SuiteCounts
            {
                Items = outcomes.Count,
                Requests = suite.Items.Sum(i => i.Requests.Count),
                Ties = outcomes.Sum(o => o.Ties),
                Invalid = outcomes.Count(o => o.Invalid),
                Truncated = truncatedRequests,
                TruncatedContext = suite.Items.Count(i => i.Truncated),
            },
        };
        return (result, rows, outcomes);
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
