using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Onnx;
using RMBench.Onnx.Text;
using RMBench.Core.Models;

namespace RMBench.OnnxThroughput;

/// <summary>
/// The plain-loop side of the end-to-end comparison with `rmbench run`, as two subcommands:
/// <c>ids --model DIR --suite FILE.parquet --out IDS</c> writes the token ids of the suite's unique requests (encoded as
/// the onnx backend encodes them: the model folder's tokenizer, chat template and length limit), untimed;
/// <c>loop --model DIR --ids IDS [--batch-size 8] [--threads N]</c> is the timed process: load the session, warm up
/// on one batch, score every row in length-sorted batches with <see cref="PlainRunLoop"/> and print the seconds.
/// </summary>
public static class PlainLoopCommand
{
    public static async Task<int> WriteIdsAsync(Dictionary<string, string> args)
    {
        var (model, suite, output) = (args["model"], args["suite"], args["out"]);
        var loader = SuiteLoader.Default;
        var suites = await loader.LoadAsync([await AdHocSuite.ForFileAsync(suite, loader.Kinds, CancellationToken.None)], CancellationToken.None);
        var plan = await RequestPlan.BuildAsync(suites);
        var encoder = TextEncoderLoader.Load(Path.GetFullPath(model), new TextOptions());
        var rows = plan.Unique.Select(p => encoder.Encode(p.Request)).ToList();
        using (var writer = new BinaryWriter(File.Create(output)))
        {
            writer.Write(rows.Count);
            foreach (var row in rows)
            {
                writer.Write(row.Ids.Length);
                writer.Write(row.TypeIds is not null);
                foreach (var id in row.Ids) writer.Write(id);
                foreach (var type in row.TypeIds ?? []) writer.Write(type);
            }
        }
        Console.WriteLine($"wrote {output}: {rows.Count} unique requests, {rows.Sum(r => (long)r.Ids.Length)} tokens");
        return 0;
    }

    public static int Loop(Dictionary<string, string> args)
    {
        var clock = Stopwatch.StartNew();
        var (batchSize, threads) = (args.Int("batch-size", 8), args.Int("threads", 0));
        var rows = ReadIds(args["ids"]);
        using var loop = PlainRunLoop.Open(Path.GetFullPath(args["model"]), threads);
        var batches = PlainRunLoop.SortedBatches(rows, batchSize);
        loop.Run(batches[batches.Count / 2]); // warm-up on a middle-length batch
        var scoring = loop.RunAll(batches);
        var real = rows.Sum(r => (long)r.Ids.Length);
        var padded = batches.Sum(batch => (long)batch.Count * batch.Max(r => r.Ids.Length));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plain loop: {rows.Count} rows, {batches.Count} batches of <= {batchSize}, {real} tokens, padding efficiency {(double)real / padded:0.0000}, loop {scoring.TotalSeconds:0.000} s, process {clock.Elapsed.TotalSeconds:0.000} s"));
        return 0;
    }

    /// <summary>
    /// <c>ab --model DIR --ids IDS [--rounds 6] [--every 1] [--budget 2048] [--rows 32]</c>: in one process, alternating per round,
    /// the plain loop over fixed batches of 8 and over the runner's CPU shapes (Batcher: --rows cap, --budget padded tokens,
    /// padding bound 0.02) on the same rows (every K-th, to shorten a round); prints the loop seconds and the median ratio.
    /// </summary>
    public static int AB(Dictionary<string, string> args)
    {
        var (rounds, every, budget, cap, minRows) = (args.Int("rounds", 6), args.Int("every", 1), args.Int("budget", 2048), args.Int("rows", 32), args.Int("min-rows", 1));
        var rows = ReadIds(args["ids"]).Where((_, i) => i % every == 0).ToList();
        using var loop = PlainRunLoop.Open(Path.GetFullPath(args["model"]));
        var fixedBatches = PlainRunLoop.SortedBatches(rows, 8);
        var runnerBatches = RunnerBatches(rows, cap, budget, minRows);
        loop.Run(fixedBatches[fixedBatches.Count / 2]);
        var ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var first = round % 2 == 0;
            var a = first ? loop.RunAll(fixedBatches).TotalSeconds : 0;
            var b = loop.RunAll(runnerBatches).TotalSeconds;
            if (!first) a = loop.RunAll(fixedBatches).TotalSeconds;
            ratios.Add(a / b);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: batches of 8 ({fixedBatches.Count}) {a:0.000} s, runner shapes ({runnerBatches.Count}, <= {cap} rows, <= {budget} tokens beyond {minRows} rows) {b:0.000} s, ratio {a / b:0.000}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio (fixed 8 / runner shapes) {ratios.Order().ElementAt(ratios.Count / 2):0.000} over {rows.Count} rows"));
        return 0;
    }

    /// <summary>The runner's cut (Batcher: length-sorted, ties in input order, row cap, padded-token budget, padding bound 0.02).</summary>
    internal static List<IReadOnlyList<TokenizedRequest>> RunnerBatches(IEnumerable<TokenizedRequest> rows, int cap, int budget, int minRows) =>
        Batcher.Cut(rows.OrderBy(r => r.Ids.Length).Select(r => (r, r.Ids.Length)), cap, budget, 0.02, minRows).ToList();

    internal static List<TokenizedRequest> ReadIds(string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        var rows = new List<TokenizedRequest>(reader.ReadInt32());
        for (var i = rows.Capacity; i > 0; i--)
        {
            var (length, hasTypes) = (reader.ReadInt32(), reader.ReadBoolean());
            var ids = new int[length];
            for (var c = 0; c < length; c++) ids[c] = reader.ReadInt32();
            int[]? types = hasTypes ? new int[length] : null;
            for (var c = 0; c < (types?.Length ?? 0); c++) types![c] = reader.ReadInt32();
            rows.Add(new TokenizedRequest(ids, types, false));
        }
        return rows;
    }
}

/// <summary>
/// <c>shapes --model DIR [--widths 32,64,...] [--rows 1,2,...] [--threads N]</c>: seconds per padded token of one Run per
/// batch shape (rows x width, ids 1..width), the figures behind the runner's CPU batch shapes (<c>Batcher</c>).
/// </summary>
public static class ShapesCommand
{
    public static int Run(Dictionary<string, string> args)
    {
        int[] List(string key, string fallback) => (args.TryGetValue(key, out var v) ? v : fallback).Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        using var loop = PlainRunLoop.Open(Path.GetFullPath(args["model"]), args.Int("threads", 0));
        Console.WriteLine("width  rows  ms_per_run  us_per_token");
        foreach (var width in List("widths", "32,64,128,256,512,1024"))
            foreach (var rows in List("rows", "1,2,4,8,16,32"))
            {
                var batch = Enumerable.Range(0, rows).Select(r => new TokenizedRequest(Enumerable.Range(1, width).ToArray(), null, false)).ToList();
                loop.Run(batch);
                var repeats = Math.Max(2, 20_000 / (rows * width));
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < repeats; i++) loop.Run(batch);
                var seconds = clock.Elapsed.TotalSeconds / repeats;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width}  {rows}  {seconds * 1000:0.00}  {seconds * 1e6 / (rows * width):0.00}"));
            }
        return 0;
    }
}

/// <summary>The subcommands' `--key value` arguments.</summary>
internal static class ToolArgs
{
    /// <summary>A whole-number argument, or the fallback when it is not given.</summary>
    public static int Int(this Dictionary<string, string> args, string key, int fallback) =>
        args.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
