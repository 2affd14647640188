using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Bench;
using RMBench.Core.Models;
using RMBench.Core.Suites;
using RMBench.Onnx;
using RMBench.Onnx.Text;
using RMBench.Core.Statistics;

namespace RMBench.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project src/RMBench.Benchmarks -- ratio --model DIR --suite FILE.parquet [--batches K] [--rounds R] [--batch-size N] [--batch-tokens N] [--seed N]</c>
/// <para>
/// How much of raw ONNX Runtime speed the harness keeps: the first K batches of `rmbench bench --scenario
/// offline` (length-sorted, seeded shuffled order) are scored (a) by <see cref="PlainRunLoop"/> (plain
/// <c>InferenceSession.Run</c> calls on pre-tokenized rows, padded in the loop), (b) end to end through the onnx backend's ScoreAsync with the requests
/// already tokenized (as offline's first pass after the workload measurement), and (c) end to end with
/// tokenization inside the timed call. Each round runs all three; the ratios are raw time / end-to-end time
/// (= end-to-end throughput / raw throughput), reported per round and as the median.
/// </para>
/// </summary>
public static class RawRunRatio
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (dir, suite, batches, rounds, batchSize, batchTokens, seed) = ((string?)null, (string?)null, 4, 5, 32, 16384, 1234);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Int() => int.Parse(value, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--model": dir = value; break;
                case "--suite": suite = value; break;
                case "--batches": batches = Int(); break;
                case "--rounds": rounds = Int(); break;
                case "--batch-size": batchSize = Int(); break;
                case "--batch-tokens": batchTokens = Int(); break;
                case "--seed": seed = Int(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (dir is null || suite is null) throw new ArgumentException("--model DIR and --suite FILE are required");

        var loader = SuiteLoader.Default;
        var suites = await loader.LoadAsync([await AdHocSuite.ForFileAsync(suite, loader.Kinds, CancellationToken.None)], CancellationToken.None);
        await using var model = (OnnxRewardModel)await ModelRegistry.Default.CreateAsync("onnx:" + dir, new ModelOptions(), CancellationToken.None);
        var workload = await BenchWorkload.BuildAsync(model, suites);
        var all = workload.SortedBatches(batchSize, batchTokens);
        var chosen = OfflineScenario.ShuffledOrder(all.Count, seed).Take(batches).Select(i => all[i]).ToList();
        var requests = chosen.Sum(b => b.Count);
        var real = chosen.Sum(b => b.Sum(r => (long)r.Tokens!.Value));
        var padded = chosen.Sum(b => (long)b.Count * b.Max(r => r.Tokens!.Value));

        var encoder = TextEncoderLoader.Load(Path.GetFullPath(dir), new TextOptions());
        var encoded = chosen.Select(b => (IReadOnlyList<TokenizedRequest>)b.Select(r => encoder.Encode(r.Entry.Request)).ToList()).ToList();
        using var raw = PlainRunLoop.Open(Path.GetFullPath(dir));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Count} batches, {requests} requests, {real} real tokens, padding efficiency {(double)real / padded:0.000}"));
        Console.WriteLine("round  raw_s  e2e_pretokenized_s  e2e_with_tokenization_s  ratio_pretokenized  ratio_with_tokenization");
        var (pre, full) = (new List<double>(), new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            var rawSeconds = raw.RunAll(encoded).TotalSeconds;
            foreach (var r in chosen.SelectMany(b => b)) model.Measure(r.Entry.Request); // tokenize ahead, untimed
            var preSeconds = await TimeScoringAsync(model, chosen);
            var fullSeconds = await TimeScoringAsync(model, chosen); // the cache was used up: ScoreAsync tokenizes
            pre.Add(rawSeconds / preSeconds);
            full.Add(rawSeconds / fullSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round}  {rawSeconds:0.000}  {preSeconds:0.000}  {fullSeconds:0.000}  {pre[^1]:0.000}  {full[^1]:0.000}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio: pre-tokenized {Median.Of(pre):0.000}, with tokenization {Median.Of(full):0.000}"));
        return 0;
    }

    private static async Task<double> TimeScoringAsync(OnnxRewardModel model, IReadOnlyList<IReadOnlyList<BenchRequest>> batches)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches) await model.ScoreAsync(batch.Select(r => r.Entry).ToList(), CancellationToken.None);
        return clock.Elapsed.TotalSeconds;
    }
}
