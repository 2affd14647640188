using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Core.Bench;

/// <summary>The outcome of `rmbench bench`: the bench.json record and its workload card (also inside the record).</summary>
public sealed record BenchOutput(BenchResult Result, WorkloadCard Card);

/// <summary>
/// Runs one scenario of `rmbench bench` on a model: measures the workload, runs the scenario (or the
/// peak search), and turns the measurement into a <see cref="BenchResult"/> with its workload card.
/// Pairs are two scored requests; rates are over the measured part only.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchOutput> RunAsync(IRewardModel model, IReadOnlyList<LoadedSuite> suites, BenchOptions options,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var plainLoop = options.RawLoopRounds > 0 ? RawLoopComparison.Reference(model) : null;
        var stagesAtStart = Stages(model);
        var workload = await BenchWorkload.BuildAsync(model, suites, cancellationToken);
        var scenario = BenchOptions.Name(options.Scenario);
        foreach (var note in workload.LeftOut) progress?.Report($"left out, as rmbench run does: {note}");
        progress?.Report($"{scenario}: {workload.Count} unique requests, warmup {Seconds(options.WarmupSeconds)} s, duration {Seconds(options.DurationSeconds)} s");
        PaddingTotals? paddingBefore = (model as IThroughputReporting)?.Padding;
        ScenarioMeasurement measured;
        PeakSearch.Result? peak = null;
        double? offered = null;
        switch (options.Scenario)
        {
            case BenchScenario.Offline:
                measured = await OfflineScenario.RunAsync(model, workload, options, cancellationToken);
                break;
            case BenchScenario.SingleStream:
                measured = await SingleStreamScenario.RunAsync(model, workload, options, cancellationToken);
                break;
            default:
                if (options.FindPeak)
                {
                    peak = await PeakSearch.RunAsync(async qps =>
                    {
                        var trial = await ServerScenario.RunAsync(model, workload, qps, options, cancellationToken);
                        progress?.Report(string.Create(CultureInfo.InvariantCulture,
                            $"server {qps:0.###} QPS: p99 {trial.Latency!.PercentileMs(99):0.###} ms{(trial.Unserved > 0 ? $", {trial.Unserved} unserved" : "")}"));
                        return trial;
                    }, options.Qps, options.LatencyBoundMs, minQps: 2 / options.DurationSeconds);
                    // No passing rate: the figures are those of the lowest rate tried, which failed.
                    (offered, measured) = (peak.ReportedQps, peak.Reported);
                }
                else
                {
                    offered = options.Qps;
                    measured = await ServerScenario.RunAsync(model, workload, options.Qps, options, cancellationToken);
                }
                break;
        }
        var padding = (model as IThroughputReporting)?.Padding - paddingBefore;
        var stagesAtEnd = Stages(model);
        RawLoopResult? rawLoop = null;
        if (plainLoop is not null)
        {
            progress?.Report($"raw loop: {options.RawLoopRounds} rounds of the whole workload, harness and plain loop alternating");
            rawLoop = await RawLoopComparison.RunAsync(plainLoop, workload, options, cancellationToken);
        }
        var card = Card(model, workload, options, padding, stagesAtEnd is { } end && stagesAtStart is { } start ? (end.Encode - start.Encode, end.Inference - start.Inference) : null);
        var latency = measured.Latency;
        var server = options.Scenario == BenchScenario.Server;
        var p99 = latency?.PercentileMs(99);
        var result = new BenchResult
        {
            ModelId = model.Info.Id,
            ModelDigest = model.Info.Digest,
            Scenario = scenario,
            PairsPerSecond = Rate(measured.Requests / 2.0, measured.Seconds),
            TokensPerSecond = measured.Tokens is { } tokens ? Rate(tokens, measured.Seconds) : null,
            LatencyP50Ms = latency?.PercentileMs(50),
            LatencyP90Ms = latency?.PercentileMs(90),
            LatencyP99Ms = p99,
            PeakQps = peak?.PeakQps,
            LatencyBoundMs = server ? options.LatencyBoundMs : null,
            OfferedQps = offered,
            LatencyBoundMet = server ? measured.Unserved == 0 && p99 <= options.LatencyBoundMs : null,
            MeasuredRequests = measured.Requests,
            MeasuredSeconds = measured.Seconds,
            UnservedRequests = server ? measured.Unserved : null,
            PeakTrials = peak?.Trials,
            Device = card.Device,
            HarnessVersion = typeof(BenchRunner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            MeasuredAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Workload = card,
            CommandLine = options.CommandLine,
            RawLoop = rawLoop,
        };
        return new BenchOutput(result, card);
    }

    /// <summary>"cpu (N cores)" for in-process models without an execution provider; the provider otherwise.</summary>
    public static string DeviceOf(IRewardModel model)
    {
        var provider = (model as IThroughputReporting)?.ExecutionProvider ?? "cpu";
        return provider == "cpu" ? $"cpu ({Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores)" : provider;
    }

    private static WorkloadCard Card(IRewardModel model, BenchWorkload workload, BenchOptions options, PaddingTotals? padding,
        (TimeSpan Encode, TimeSpan Inference)? stages)
    {
        var lengths = workload.Requests.Select(r => r.Length).Order().ToArray();
        int Rank(double p) => lengths[Math.Clamp((int)Math.Ceiling(p / 100 * lengths.Length) - 1, 0, lengths.Length - 1)];
        var unit = workload.Tokenized ? "tokens" : "characters";
        var threads = model.Info.Settings.TryGetValue("threads", out var t) ? t : "1 (in-process)";
        double? encode = stages?.Encode.TotalSeconds, inference = stages?.Inference.TotalSeconds;
        return new WorkloadCard
        {
            Suites = workload.Suites,
            UniqueRequests = workload.Count,
            LengthUnit = unit,
            Length = new LengthDistribution(lengths[0], Rank(50), Rank(90), lengths[^1]),
            Truncated = workload.Truncated,
            BatchingPolicy = BatchingPolicy(options, unit),
            Threads = threads == "default" ? "ONNX Runtime default (one per physical core)" : threads,
            Device = DeviceOf(model),
            ModelDigest = model.Info.Digest,
            PaddingEfficiency = padding is { PaddedTokens: > 0 } p ? (double)p.RealTokens / p.PaddedTokens : null,
            TokenizationSeconds = encode,
            InferenceSeconds = inference,
            TokenizationShare = encode + inference is > 0 ? encode / (encode + inference) : null,
            Remote = model.Info.Settings.ContainsKey("endpoints"),
            Endpoints = model.Info.Settings.TryGetValue("endpoints", out var endpoints) ? endpoints : null,
            Concurrency = options.Scenario == BenchScenario.Offline ? options.ConcurrencyFor(model) : 1,
            WarmupSeconds = options.WarmupSeconds,
            DurationSeconds = options.DurationSeconds,
            Seed = options.Seed,
        };
    }

    private static string BatchingPolicy(BenchOptions options, string unit)
    {
        var limits = string.Create(CultureInfo.InvariantCulture, $"<= {options.BatchSize} rows and <= {options.BatchTokens} padded {unit}");
        return options.Scenario switch
        {
            BenchScenario.Offline => $"length-sorted batches of {limits}, seeded shuffled batch order",
            BenchScenario.SingleStream => "one request per call",
            _ => $"dynamic: everything queued when the model is free, oldest first, {limits}",
        };
    }

    private static (TimeSpan Encode, TimeSpan Inference)? Stages(IRewardModel model) =>
        model is IStageTimings s ? (s.EncodeTime, s.InferenceTime) : null;

    private static double? Rate(double count, double seconds) => seconds > 0 ? count / seconds : null;

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}
