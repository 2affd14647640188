using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Statistics;
using RMBench.Onnx;

namespace RMBench.OnnxThroughput;

/// <summary>
/// <c>concurrency --model DIR --ids IDS [--rounds 4] [--every 2] [--budget 1024] [--workers 2] [--threads 0]</c>: the same
/// length-sorted batches scored one at a time by a session with ONNX Runtime's default intra-op threads, against
/// --workers threads each running whole batches at once on one session with one intra-op thread; alternating per round.
/// </summary>
public static class ConcurrencyExperiment
{
    public static int Run(Dictionary<string, string> args)
    {
        var (rounds, every, budget, workers) = (args.Int("rounds", 4), args.Int("every", 2), args.Int("budget", 1024), args.Int("workers", 2));
        var rows = PlainLoopCommand.ReadIds(args["ids"]).Where((_, i) => i % every == 0).ToList();
        var batches = PlainLoopCommand.RunnerBatches(rows, 32, budget, 1);
        var fixed8 = PlainRunLoop.SortedBatches(rows, 8);
        var model = Path.GetFullPath(args["model"]);
        using var sequential = PlainRunLoop.Open(model, args.Int("threads", 0));
        using var single = PlainRunLoop.Open(model, 1);
        sequential.Run(batches[batches.Count / 2]);
        single.Run(batches[batches.Count / 2]);
        var (a, b, c) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < 3; k++)
                switch ((k + round) % 3)
                {
                    case 0: a.Add(sequential.RunAll(fixed8).TotalSeconds); break;
                    case 1: b.Add(sequential.RunAll(batches).TotalSeconds); break;
                    default: c.Add(Concurrent(single, batches, workers).TotalSeconds); break;
                }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: fixed 8 sequential {a[^1]:0.000} s, {budget}-token shapes sequential {b[^1]:0.000} s ({batches.Count} b), same shapes on {workers} workers x 1 thread {c[^1]:0.000} s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: fixed 8 {Median.Of(a):0.000} s, shapes {Median.Of(b):0.000} s, concurrent {Median.Of(c):0.000} s (x{Median.Of(a) / Median.Of(c):0.000} of fixed 8) over {rows.Count} rows"));
        return 0;
    }

    private static TimeSpan Concurrent(PlainRunLoop loop, IReadOnlyList<IReadOnlyList<TokenizedRequest>> batches, int workers)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next)) loop.Run(batches[i]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return clock.Elapsed;
    }
}
