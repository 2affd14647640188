using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Onnx;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.OnnxThroughput;
using RMBench.Core.Models;
using RMBench.Core.Statistics;

// Scoring throughput of a random-weight MiniLM-size encoder RM: the runner + OnnxRewardModel path versus
// raw InferenceSession.Run over the same pre-tokenized, length-sorted batches. Median of --runs runs.
// dotnet run --project tools/RMBench.OnnxThroughput -c Release -- [--pairs 1000] [--runs 5] [--threads 2] [--layers 6]
// The ids / loop subcommands are the plain-loop side of the end-to-end comparison with `rmbench run` (PlainLoopCommand.cs).
if (args is ["ids", ..]) return await PlainLoopCommand.WriteIdsAsync(ParseArgs(args[1..]));
if (args is ["loop", ..]) return PlainLoopCommand.Loop(ParseArgs(args[1..]));
if (args is ["shapes", ..]) return ShapesCommand.Run(ParseArgs(args[1..]));
if (args is ["ab", ..]) return PlainLoopCommand.AB(ParseArgs(args[1..]));
if (args is ["segments", ..]) return SegmentsExperiment.Run(ParseArgs(args[1..]));
if (args is ["concurrency", ..]) return ConcurrencyExperiment.Run(ParseArgs(args[1..]));
var args_ = ParseArgs(args);
int Arg(string name, int fallback) => args_.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var (pairs, runs, threads) = (Arg("pairs", 1000), Arg("runs", 5), Arg("threads", 2));
var (batchSize, batchTokens, maxLength) = (Arg("batch-size", 32), Arg("batch-tokens", 16384), 512);
var shape = TransformerShape.MiniLm with { Layers = Arg("layers", TransformerShape.MiniLm.Layers) };

var dir = Path.Combine(Path.GetTempPath(), $"rmbench-throughput-{Guid.NewGuid():N}");
OptimumExport.Write(dir, TransformerEncoderRm.Build(shape));
var suite = SyntheticPairs.Suite(pairs, shape.Vocab, seed: 11);
var suiteItems = await suite.Items.ReadAllAsync();
var encoder = new IdTextEncoder(maxLength);
var settings = new OnnxSettings { Threads = threads, MaxLength = maxLength };
Console.WriteLine($"model: {shape}, {pairs} pairs, {threads} intra-op threads, batch size {batchSize}, batch tokens {batchTokens}");

var endToEnd = new List<double>();
var scoring = new List<double>();
var raw = new List<double>();
var ratios = new List<double>(); // per run: the two paths ran back to back, so a ratio cancels some machine-load drift
var efficiency = 0.0;
for (var run = 0; run <= runs; run++) // run 0 warms up both paths
{
    // Alternate which path goes first, so that drift in machine load does not favour one of them.
    var rawFirst = run % 2 == 1;
    var rawRate = rawFirst ? Raw() : 0;
    var (e2e, phase, eff) = await EndToEndAsync();
    if (!rawFirst) rawRate = Raw();
    efficiency = eff;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(run == 0 ? "warm-up" : $"run {run}")}: rmbench runner {e2e:0.00} pairs/s (scoring phase {phase:0.00}), raw Run {rawRate:0.00} pairs/s, ratio {e2e / rawRate:0.000}, padding efficiency {eff:0.000}"));
    if (run == 0) continue;
    endToEnd.Add(e2e);
    scoring.Add(phase);
    raw.Add(rawRate);
    ratios.Add(e2e / rawRate);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {runs}: runner {Median.Of(endToEnd):0.00} pairs/s (scoring phase {Median.Of(scoring):0.00}), raw {Median.Of(raw):0.00} pairs/s, " +
    $"median per-run ratio {Median.Of(ratios):0.000}, padding efficiency {efficiency:0.000}"));
Directory.Delete(dir, recursive: true);
return 0;

// Runner.RunAsync over the suite: measure (encode), batch, score, journal, judge, metrics.
async Task<(double PairsPerSecond, double ScoringPairsPerSecond, double PaddingEfficiency)> EndToEndAsync()
{
    await using var model = await OnnxRewardModel.OpenAsync(dir, settings, _ => encoder, CancellationToken.None);
    var output = Path.Combine(dir, "runs");
    var options = new RMBench.Core.Running.RunOptions { OutputRoot = output, CacheDirectory = null, Resume = false, BatchSize = batchSize, BatchTokens = batchTokens };
    var clock = Stopwatch.StartNew();
    var result = (await new Runner(SuiteLoader.Default).RunAsync(model, [suite], options, null, CancellationToken.None)).Result;
    var seconds = clock.Elapsed.TotalSeconds;
    Directory.Delete(output, recursive: true);
    return (pairs / seconds, pairs / result.Throughput!.ScoringSeconds, result.Throughput.PaddingEfficiency ?? 1);
}

// The same requests, encoded and batched exactly as the runner does, fed to the plain loop (PlainRunLoop); only the loop is timed.
double Raw()
{
    var requests = suiteItems.SelectMany(i => i.Requests).Select(r => new PlannedRequest(r.Request, [])).DistinctBy(p => p.Request.Hash).ToList();
    var encoded = requests.ToDictionary(p => p.Request.Hash, p => encoder.Encode(p.Request));
    var batches = Batcher.ByLength(requests, p => encoded[p.Request.Hash].Ids.Length, batchSize, batchTokens)
        .Select(b => (IReadOnlyList<TokenizedRequest>)b.Select(p => encoded[p.Request.Hash]).ToList()).ToList();
    using var loop = PlainRunLoop.Open(dir, threads);
    return pairs / loop.RunAll(batches).TotalSeconds;
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2) parsed[args[i].TrimStart('-')] = args[i + 1];
    return parsed;
}
