using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Models;
using RMBench.Core.Running;
using RMBench.Core.Statistics;
using RMBench.Onnx;

namespace RMBench.OnnxThroughput;

/// <summary>Policies compared segment by segment (contiguous length ranges), rotating order, so machine drift cancels.</summary>
public static class SegmentsExperiment
{
    public static int Run(Dictionary<string, string> args)
    {
        int Int(string key, int fallback) => args.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var (reps, every, segments) = (Int("reps", 3), Int("every", 2), Int("segments", 10));
        var policies = args.GetValueOrDefault("policies", "fixed8,512,1024").Split(',');
        var rows = PlainLoopCommand.ReadIds(args["ids"]).Where((_, i) => i % every == 0).OrderBy(r => r.Ids.Length).ToList();
        var per = (rows.Count + segments - 1) / segments;
        var cuts = rows.Chunk(per).Select(segment => policies.Select(p => Cut(segment, p)).ToArray()).ToArray();
        using var loop = PlainRunLoop.Open(Path.GetFullPath(args["model"]));
        loop.Run(cuts[segments / 2][0][0]);
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

    private static List<IReadOnlyList<TokenizedRequest>> Cut(IReadOnlyList<TokenizedRequest> sorted, string policy)
    {
        if (policy.StartsWith("fixed", StringComparison.Ordinal))
            return sorted.Chunk(int.Parse(policy[5..], CultureInfo.InvariantCulture)).Select(c => (IReadOnlyList<TokenizedRequest>)c).ToList();
        var parts = policy.Split('/'); // budget[/minrows]
        var minRows = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return Batcher.Cut(sorted.Select(r => (r, r.Ids.Length)), 64, int.Parse(parts[0], CultureInfo.InvariantCulture), 0.02, minRows).ToList();
    }
}
