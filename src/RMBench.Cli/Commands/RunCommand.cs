using System.CommandLine;
using System.Globalization;
using RMBench.Cli.Terminal;
using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Models;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Reports;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench run`: score suites with one or more models and write run.json, scores.parquet, summary.md.</summary>
public static class RunCommand
{
    /// <summary>The models `rmbench run` uses when none is given.</summary>
    public static readonly IReadOnlyList<string> DefaultModels = ["baseline", "length", "random"];

    /// <summary>Default token budget: 32 rows of 512 tokens.</summary>
    public const int DefaultBatchTokens = 16384;
    /// <summary>Padding efficiency >= 0.98 by construction (issue 15: CPU pays for every padded token).</summary>
    public const double DefaultMaxPadding = 0.02;

    public static Command Create(CliContext context)
    {
        var models = new Option<string[]>("--model", "-m")
        {
            Description = $"Model SPEC: backend:argument (replay:FILE) or a built-in name (baseline, random, length). Repeatable. Default: {string.Join(", ", DefaultModels)}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var suites = new Option<string[]>("--suite", "-s")
        {
            Description = "Suite name (see 'rmbench suites') or a canonical FILE.parquet. Repeatable. Default: every suite.",
        };
        var outDir = new Option<string>("--out", "-o") { Description = "Output root: runs go to OUT/runs/<model>/<suites>-<time>/, the score cache to OUT/cache (an OUT named runs, e.g. reports/runs, holds the runs itself; cache and gates go beside it).", DefaultValueFactory = _ => "reports" };
        var ties = new Option<string>("--ties") { Description = "Tie credit in pairs: strict (0, RewardBench) or half (0.5).", DefaultValueFactory = _ => "strict" };
        ties.AcceptOnlyFromAmong("strict", "half");
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed (and --limit's sampling seed).", DefaultValueFactory = _ => ItemSample.DefaultSeed };
        var limit = new Option<int?>("--limit") { Description = "Smoke run: at most N items per suite, a seeded subsample by id hash (--seed); run.json marks it, and the gate pairs it only with the same --limit and --seed." };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for 95% intervals.", DefaultValueFactory = _ => 1000 };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the score cache." };
        var fresh = new Option<bool>("--fresh") { Description = "Start a new run instead of resuming an unfinished one from its journal." };
        var suitesDir = new Option<string?>("--suites-dir") { Description = "Folder of suite manifests (default: ./suites of the checkout)." };
        var kind = SuiteSelection.KindOption();
        var gateBaseline = new Option<string?>("--gate-baseline") { Description = "Gate each run against this baseline run.json (default suites: the baseline's); the exit code is the gate's." };

        var command = new Command("run", "Score suites with reward models and write run.json, scores.parquet and summary.md.")
        {
            models, suites, outDir, ties, seed, resamples, noCache, fresh, suitesDir, gateBaseline, kind, limit,
        };
        var batching = new BatchingCliOptions();
        batching.AddTo(command);
        var modelCli = new ModelCliOptions();
        modelCli.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new RunOptions
            {
                OutputRoot = OutputFolder.RequireWritable(parse.GetValue(outDir)!, "--out"),
                CacheDirectory = parse.GetValue(noCache) ? null : RunFolder.CacheDirectory(parse.GetValue(outDir)!),
                BatchSize = batching.ReadBatchSize(parse),
                Concurrency = batching.ReadConcurrency(parse),
                BatchTokens = batching.ReadBatchTokens(parse),
                MaxPadding = batching.ReadMaxPadding(parse),
                Judging = new JudgingOptions(parse.GetValue(ties) == "half" ? TiePolicy.Half : TiePolicy.Strict),
                Bootstrap = new BootstrapOptions(parse.GetValue(seed), Positive(parse.GetValue(resamples), "--bootstrap")),
                Resume = !parse.GetValue(fresh),
                CommandLine = RemoteCliOptions.CommandLine(parse),
                Sample = parse.GetValue(limit) is { } n ? new ItemSample(Positive(n, "--limit"), parse.GetValue(seed)) : null,
            };
            // Backend-specific options travel by option name; a backend reads the ones it knows.
            var modelOptions = modelCli.Read(parse);
            var specs = parse.GetValue(models) is { Length: > 0 } given ? given : [.. DefaultModels];
            var suiteArgs = parse.GetValue(suites) ?? [];
            if (parse.GetValue(gateBaseline) is not { } baseline)
                return await ExecuteAsync(context, specs, suiteArgs, parse.GetValue(suitesDir), options, modelOptions, cancellationToken, kind: parse.GetValue(kind));
            var baselineRun = await GateCommand.PreflightAsync(baseline, cancellationToken);
            options = options with { Sample = options.Sample ?? baselineRun.Sample }; // a --limit baseline: the same sample unless --limit says otherwise
            IReadOnlyList<string>? notes = null;
            if (suiteArgs.Length == 0)
            {
                var selected = await GateCommand.SuiteArgumentsAsync(baselineRun, parse.GetValue(suitesDir), cancellationToken);
                (suiteArgs, notes) = ([.. selected.Arguments], selected.Notes);
                foreach (var note in notes) await context.Out.WriteLineAsync($"note: {note}");
            }
            var gate = new GateCommand.GateCliOptions(new Core.Gate.GateOptions(), null, RunFolder.ReportsRoot(options.OutputRoot), notes);
            return await ExecuteAsync(context, specs, suiteArgs, parse.GetValue(suitesDir), options, modelOptions, cancellationToken,
                output => GateCommand.GateAsync(context, baseline, Path.Combine(output.Directory, Core.Results.RunFiles.RunJson), gate, cancellationToken),
                parse.GetValue(kind), (model, loaded, ct) => GateCommand.RequireTakesJudgedItemsAsync(baselineRun, model, loaded, ct));
        });
        return command;
    }

    /// <param name="afterRun">Called after each complete run has been written (the gate); its exit code replaces "ok".</param>
    /// <param name="beforeRun">Called per model before anything is scored, to refuse what would fail only after the run (gate --model).</param>
    public static async Task<int> ExecuteAsync(CliContext context, IReadOnlyList<string> modelSpecs, IReadOnlyList<string> suiteArgs,
        string? suitesDir, RunOptions options, ModelOptions modelOptions, CancellationToken cancellationToken,
        Func<RunOutput, Task<int>>? afterRun = null, string? kind = null,
        Func<IRewardModel, IReadOnlyList<LoadedSuite>, CancellationToken, Task>? beforeRun = null)
    {
        // Everything that can be wrong with the input is checked before the first model call.
        var specProblems = new List<InputProblem>();
        foreach (var spec in modelSpecs)
        {
            try { ModelRegistry.Default.Resolve(spec); }
            catch (InputException e) { specProblems.AddRange(e.Problems); }
        }
        if (specProblems.Count > 0) throw new InputException(specProblems);
        StageTrace.Mark("command parsed, model specs resolved");
        var loader = SuiteLoader.Default;
        var manifests = await SuiteSelection.ResolveAsync(suiteArgs, suitesDir, loader, cancellationToken, kind);
        var loaded = await loader.LoadAsync(manifests, cancellationToken, options.Sample);
        StageTrace.Mark("suites loaded");
        var created = new List<IRewardModel>();
        try
        {
            created.AddRange(await ModelOptionUse.CreateAllAsync(ModelRegistry.Default, modelSpecs, modelOptions, cancellationToken));
            StageTrace.Mark("models opened");
            if (beforeRun is not null)
                foreach (var model in created) await beforeRun(model, loaded, cancellationToken);
            var runner = new Runner(loader);
            var exit = ExitCodes.Ok;
            foreach (var model in created)
            {
                var output = await RunProgressDisplay.TrackAsync(context, model.Info.Id,
                    progress => runner.RunAsync(model, loaded, options with { ModelSeed = SeedOf(model, modelOptions) }, progress, cancellationToken));
                // A cache-only rerun equal to a finished run keeps that run rather than a duplicate folder (--fresh always writes a new one).
                if (options.Resume && RunFolder.ReuseIdenticalFinished(output) is { } kept) output = kept;
                else await RunReportWriter.WriteAllAsync(output.Directory, output, CancellationToken.None);
                StageTrace.Mark("reports written");
                await RunSummaryPrinter.PrintAsync(context.Out, output);
                if (output.Result.Status != "complete") exit = ExitCodes.RuntimeError;
                else if (afterRun is not null) exit = GateCommand.Worst(exit, await afterRun(output));
            }
            return exit;
        }
        finally
        {
            foreach (var model in created) await model.DisposeAsync();
        }
    }

    /// <summary>run.json's model seed: the one the model records in its settings (random:SEED, --judge-seed), else the options'.</summary>
    private static int SeedOf(IRewardModel model, ModelOptions options) =>
        model.Info.Settings.TryGetValue("seed", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : options.Seed;

    private static int Positive(int value, string option) => ModelCliOptions.Positive(value, option);
}
