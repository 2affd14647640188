using System.CommandLine;
using System.Globalization;
using RMBench.Cli.Terminal;
using RMBench.Core.Bench;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench bench`: latency and throughput of one model in an MLPerf-style load scenario; writes bench.json.</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "Model SPEC (default: baseline).", DefaultValueFactory = _ => "baseline" };
        var suites = new Option<string[]>("--suite", "-s") { Description = "Suite name or canonical FILE.parquet whose unique requests form the workload. Repeatable. Default: every suite." };
        var suitesDir = new Option<string?>("--suites-dir") { Description = "Folder of suite manifests (default: ./suites of the checkout)." };
        var scenario = new Option<string>("--scenario") { Description = "offline (throughput), single-stream (latency of one caller) or server (Poisson arrivals at --qps).", DefaultValueFactory = _ => "offline" };
        scenario.AcceptOnlyFromAmong("offline", "single-stream", "server");
        var qps = new Option<double>("--qps") { Description = "server: offered requests per second (with --find-peak: the first rate tried).", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds (per trial with --find-peak).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds scored before the measured part and not counted.", DefaultValueFactory = _ => 2 };
        var bound = new Option<double>("--latency-bound") { Description = "server: p99 latency bound in milliseconds.", DefaultValueFactory = _ => 100 };
        var findPeak = new Option<bool>("--find-peak") { Description = "server: search (doubling, then bisection) for the highest QPS whose p99 meets --latency-bound." };
        var seed = new Option<int>("--seed") { Description = "Seed of the Poisson schedule and the offline batch order.", DefaultValueFactory = _ => 1234 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for bench.json (default: reports/bench/<model>/<scenario>-<time>/)." };
        var kind = SuiteSelection.KindOption();
        var rawLoop = new Option<int?>("--raw-loop") { Description = "onnx: also time the harness against a plain ONNX Runtime Run loop on identical batches of the whole workload, this many alternating rounds (median ratio in bench.json raw_loop)." };

        var command = new Command("bench", "Measure throughput and latency of a model in an offline, single-stream or server scenario; writes bench.json.")
        {
            model, suites, suitesDir, scenario, qps, duration, warmup, bound, findPeak, seed, outDir, kind,
        };
        // Batching and model options: the definitions of `rmbench run` (bench has no --max-padding).
        var batching = new BatchingCliOptions();
        batching.AddTo(command, maxPadding: false);
        var modelCli = new ModelCliOptions();
        modelCli.AddTo(command);
        command.Options.Add(rawLoop);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BenchOptions
            {
                Scenario = parse.GetValue(scenario) switch { "single-stream" => BenchScenario.SingleStream, "server" => BenchScenario.Server, _ => BenchScenario.Offline },
                Qps = Positive(parse.GetValue(qps), "--qps"),
                DurationSeconds = Positive(parse.GetValue(duration), "--duration"),
                WarmupSeconds = NonNegative(parse.GetValue(warmup), "--warmup"),
                LatencyBoundMs = Positive(parse.GetValue(bound), "--latency-bound"),
                FindPeak = parse.GetValue(findPeak),
                BatchSize = batching.ReadBatchSize(parse),
                BatchTokens = batching.ReadBatchTokens(parse),
                Seed = parse.GetValue(seed),
                Concurrency = batching.ReadConcurrency(parse),
                CommandLine = RemoteCliOptions.CommandLine(parse),
                RawLoopRounds = parse.GetValue(rawLoop) is { } rounds ? (int)Positive(rounds, "--raw-loop") : 0,
            };
            if (options.FindPeak && options.Scenario != BenchScenario.Server)
                throw new InputException("--find-peak", "applies to --scenario server only");
            if (parse.GetValue(outDir) is { } folder) OutputFolder.RequireWritable(folder, "--out");
            var modelOptions = modelCli.Read(parse);
            return await ExecuteAsync(context, parse.GetValue(model)!, parse.GetValue(suites) ?? [], parse.GetValue(suitesDir), parse.GetValue(outDir),
                options, modelOptions, cancellationToken, parse.GetValue(kind));
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(CliContext context, string spec, IReadOnlyList<string> suiteArgs, string? suitesDir, string? outDir,
        BenchOptions options, ModelOptions modelOptions, CancellationToken cancellationToken, string? kind = null)
    {
        ModelRegistry.Default.Resolve(spec);
        var loader = SuiteLoader.Default;
        var manifests = await SuiteSelection.ResolveAsync(suiteArgs, suitesDir, loader, cancellationToken, kind);
        var loaded = await loader.LoadAsync(manifests, cancellationToken);
        await using var model = (await ModelOptionUse.CreateAllAsync(ModelRegistry.Default, [spec], modelOptions, cancellationToken))[0];
        var output = await BenchRunner.RunAsync(model, loaded, options, new SynchronousProgress(context.Err), cancellationToken);
        var directory = outDir ?? Path.Combine("reports", "bench", RunFolder.Sanitize(model.Info.Id),
            $"{output.Result.Scenario}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, BenchJson.FileName);
        await BenchJson.WriteAsync(path, output.Result, CancellationToken.None);
        await BenchPrinter.PrintAsync(context.Out, output.Result, output.Card);
        await context.Out.WriteLineAsync($"  wrote {path}");
        return ExitCodes.Ok;
    }

    /// <summary>Progress lines written as they come (System.Progress would post them to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"  {value}");
    }

    private static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new InputException(option, $"must be a positive number (got {value.ToString(CultureInfo.InvariantCulture)})");

    private static double NonNegative(double value, string option) =>
        value >= 0 && double.IsFinite(value) ? value : throw new InputException(option, $"must be a number >= 0 (got {value.ToString(CultureInfo.InvariantCulture)})");
}
