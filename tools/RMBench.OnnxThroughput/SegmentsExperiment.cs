using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Statistics;
using RMBench.Onnx;

namespace RMBench.OnnxThroughput;

/// <summary>
/// <c>segments --model DIR --ids IDS [--policies fixed8,1024,512/1] [--reps 3] [--every 2] [--segments 10] [--rows 32]</c>: batch
/// policies compared segment by segment (contiguous length ranges), in rotating order, so that machine drift cancels.
/// </summary>
public static class SegmentsExperiment
{
    public static int Run(Dictionary<string, string> args)
    {
        var (reps, every, segments, cap) = (args.Int("reps", 3), args.Int("every", 2), args.Int("segments", 10), args.Int("rows", 32));
        var policies = args.GetValueOrDefault("policies", "fixed8,512,1024").Split(',');
        var rows = PlainLoopCommand.ReadIds(args["ids"]).Where((_, i) => i % every == 0).OrderBy(r => r.Ids.Length).ToList();
        var per = (rows.Count + segments - 1) / segments;
        var cuts = rows.Chunk(per).Select(segment => policies.Select(p => Cut(segment, p, cap)).ToArray()).ToArray();
        using var loop = PlainRunLoop.Open(Path.GetFullPath(args["model"]));
        loop.Run(cuts[cuts.Length / 2][0][0]); // warm-up on a middle-length batch
        var totals = new double[policies.Length];
        for (var s = 0; s < cuts.Length; s++)
        {
            var times = policies.Select(_ => new List<double>()).ToArray();
            for (var rep = 0; rep < reps; rep++)
                for (var k = 0; k < policies.Length; k++)
                {
                    var p = (k + rep + s) % policies.Length;
                    times[p].Add(loop.RunAll(cuts[s][p]).TotalSeconds);
                }
            var medians = times.Select(Median.Of).ToArray();
            for (var p = 0; p < policies.Length; p++) totals[p] += medians[p];
            var widths = cuts[s][0].SelectMany(b => b).Select(r => r.Ids.Length).ToList();
            var line = string.Join(", ", policies.Select((p, i) => FormattableString.Invariant($"{p} {medians[i]:0.000} s ({cuts[s][i].Count} b)")));
            Console.WriteLine($"segment {s + 1} (lengths {widths.Min()}-{widths.Max()}): {line}");
        }
        Console.WriteLine("total: " + string.Join(", ", policies.Select((p, i) => FormattableString.Invariant($"{p} {totals[i]:0.000} s (x{totals[0] / totals[i]:0.000})"))));
        return 0;
    }

    /// <summary>fixedN: batches of N rows; BUDGET[/MINROWS]: the runner's cut (row cap, padded-token budget, padding bound 0.02).</summary>
    private static List<IReadOnlyList<TokenizedRequest>> Cut(IReadOnlyList<TokenizedRequest> sorted, string policy, int cap)
    {
        if (policy.StartsWith("fixed", StringComparison.Ordinal))
            return PlainRunLoop.SortedBatches(sorted, int.Parse(policy[5..], CultureInfo.InvariantCulture));
        var parts = policy.Split('/'); // budget[/minrows]
        var minRows = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return PlainLoopCommand.RunnerBatches(sorted, cap, int.Parse(parts[0], CultureInfo.InvariantCulture), minRows);
    }
}
