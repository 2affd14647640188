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
        var outDir = new Option<string>("--out", "-o") { Description = "Output root; runs go to OUT/runs/<model>/<suites>-<time>/.", DefaultValueFactory = _ => "reports" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Batches in flight at once, in total over all endpoints (default: 4 per endpoint for remote backends, 1 in process). Results do not depend on it." };
        var batchSize = new Option<int>("--batch-size") { Description = "Requests per model call.", DefaultValueFactory = _ => 32 };
        var maxLength = new Option<int?>("--max-length") { Description = "Token limit for tokenizing backends (truncation is counted and reported)." };
        var ties = new Option<string>("--ties") { Description = "Tie credit in pairs: strict (0, RewardBench) or half (0.5).", DefaultValueFactory = _ => "strict" };
        ties.AcceptOnlyFromAmong("strict", "half");
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed (and --limit's sampling seed).", DefaultValueFactory = _ => ItemSample.DefaultSeed };
        var limit = new Option<int?>("--limit") { Description = "Smoke run: at most N items per suite, a seeded subsample by id hash (--seed); run.json marks it, and the gate pairs it only with the same --limit and --seed." };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for 95% intervals.", DefaultValueFactory = _ => 1000 };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the score cache." };
        var fresh = new Option<bool>("--fresh") { Description = "Start a new run instead of resuming an unfinished one from its journal." };
        var suitesDir = new Option<string?>("--suites-dir") { Description = "Folder of suite manifests (default: ./suites of the checkout)." };
        var batchTokens = new Option<int>("--batch-tokens")
        {
            Description = "Token budget per batch for tokenizing backends: rows x longest row stays within it (a longer single row is scored alone).",
            DefaultValueFactory = _ => DefaultBatchTokens,
        };
        var maxPadding = new Option<double>("--max-padding")
        {
            Description = "Tokenizing backends: largest fraction of a batch's padded tokens that may be padding; a batch ends early rather than pad more (0 = only equal lengths batch together).",
            DefaultValueFactory = _ => DefaultMaxPadding,
        };
        var device = new Option<string?>("--device") { Description = "onnx: execution provider cpu (default), cuda[:N] or tensorrt[:N] (needs the GPU ONNX Runtime build)." };
        var label = new Option<string?>("--label") { Description = "onnx: logits column to score, by id2label name or index (required for multi-label heads)." };
        var chatTemplate = new Option<string?>("--chat-template") { Description = "onnx: chat template, a built-in NAME or a Scriban FILE (default: recognised from tokenizer_config.json)." };
        var truncation = new Option<string?>("--truncation") { Description = "onnx: which end of a too-long request is cut: left (default: keeps the response) or right." };
        truncation.AcceptOnlyFromAmong("left", "right");
        var threads = new Option<int?>("--threads") { Description = "onnx: ONNX Runtime intra-op threads (default: one per physical core)." };

        var kind = SuiteSelection.KindOption();
        var gateBaseline = new Option<string?>("--gate-baseline") { Description = "Gate each run against this baseline run.json (default suites: the baseline's); the exit code is the gate's." };

        var command = new Command("run", "Score suites with reward models and write run.json, scores.parquet and summary.md.")
        {
            models, suites, outDir, batchSize, concurrency, maxLength, ties, seed, resamples, noCache, fresh, suitesDir,
            batchTokens, maxPadding, device, label, chatTemplate, truncation, threads, gateBaseline, kind, limit,
        };
        var languageModel = new LanguageModelCliOptions();
        languageModel.AddTo(command);
        var remote = new RemoteCliOptions();
        remote.AddTo(command);
        var judge = new JudgeCliOptions();
        foreach (var option in judge.All) command.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new RunOptions
            {
                OutputRoot = parse.GetValue(outDir)!,
                CacheDirectory = parse.GetValue(noCache) ? null : Path.Combine(parse.GetValue(outDir)!, "cache"),
                BatchSize = Positive(parse.GetValue(batchSize), "--batch-size"),
                Concurrency = parse.GetValue(concurrency) is { } c ? Positive(c, "--concurrency") : null,
                BatchTokens = Positive(parse.GetValue(batchTokens), "--batch-tokens"),
                MaxPadding = Fraction(parse.GetValue(maxPadding), "--max-padding"),
                Judging = new JudgingOptions(parse.GetValue(ties) == "half" ? TiePolicy.Half : TiePolicy.Strict),
                Bootstrap = new BootstrapOptions(parse.GetValue(seed), Positive(parse.GetValue(resamples), "--bootstrap")),
                Resume = !parse.GetValue(fresh),
                CommandLine = RemoteCliOptions.CommandLine(parse),
                Sample = parse.GetValue(limit) is { } n ? new ItemSample(Positive(n, "--limit"), parse.GetValue(seed)) : null,
            };
            // Backend-specific options travel by option name; a backend reads the ones it knows.
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in new[] { device, label, chatTemplate, truncation })
                if (parse.GetValue(option) is { } value) extra[option.Name.TrimStart('-')] = value;
            judge.AddTo(parse, extra);
            if (parse.GetValue(threads) is { } t) extra["threads"] = Positive(t, "--threads").ToString(CultureInfo.InvariantCulture);
            languageModel.AddExtras(parse, extra);
            remote.Collect(parse, extra, Directory.GetCurrentDirectory());
            var modelOptions = new ModelOptions
            {
                MaxLength = parse.GetValue(maxLength) is { } m ? Positive(m, "--max-length") : null,
                Extra = extra,
            };
            var specs = parse.GetValue(models) is { Length: > 0 } given ? given : [.. DefaultModels];
            var suiteArgs = parse.GetValue(suites) ?? [];
            if (parse.GetValue(gateBaseline) is not { } baseline)
                return await ExecuteAsync(context, specs, suiteArgs, parse.GetValue(suitesDir), options, modelOptions, cancellationToken, kind: parse.GetValue(kind));
            var baselineRun = await GateCommand.PreflightAsync(baseline, cancellationToken);
            options = options with { Sample = options.Sample ?? baselineRun.Sample }; // a --limit baseline: the same sample unless --limit says otherwise
            if (suiteArgs.Length == 0) suiteArgs = [.. await GateCommand.SuiteArgumentsAsync(baselineRun, parse.GetValue(suitesDir), cancellationToken)];
            var gate = new GateCommand.GateCliOptions(new Core.Gate.GateOptions(), null, options.OutputRoot);
            return await ExecuteAsync(context, specs, suiteArgs, parse.GetValue(suitesDir), options, modelOptions, cancellationToken,
                output => GateCommand.GateAsync(context, baseline, Path.Combine(output.Directory, Core.Results.RunFiles.RunJson), gate, cancellationToken),
                parse.GetValue(kind));
        });
        return command;
    }

    /// <param name="afterRun">Called after each complete run has been written (the gate); its exit code replaces "ok".</param>
    public static async Task<int> ExecuteAsync(CliContext context, IReadOnlyList<string> modelSpecs, IReadOnlyList<string> suiteArgs,
        string? suitesDir, RunOptions options, ModelOptions modelOptions, CancellationToken cancellationToken,
        Func<RunOutput, Task<int>>? afterRun = null, string? kind = null)
    {
        // Everything that can be wrong with the input is checked before the first model call.
        var specProblems = new List<InputProblem>();
        foreach (var spec in modelSpecs)
        {
            try { ModelRegistry.Default.Resolve(spec); }
            catch (InputException e) { specProblems.AddRange(e.Problems); }
        }
        if (specProblems.Count > 0) throw new InputException(specProblems);
        var loader = SuiteLoader.Default;
        var manifests = await SuiteSelection.ResolveAsync(suiteArgs, suitesDir, loader, cancellationToken, kind);
        var loaded = await loader.LoadAsync(manifests, cancellationToken, options.Sample);
        var created = new List<IRewardModel>();
        try
        {
            foreach (var spec in modelSpecs)
                created.Add(await ModelRegistry.Default.CreateAsync(spec, modelOptions, cancellationToken));
            var runner = new Runner(loader);
            var exit = ExitCodes.Ok;
            foreach (var model in created)
            {
                var output = await RunProgressDisplay.TrackAsync(context, model.Info.Id,
                    progress => runner.RunAsync(model, loaded, options with { ModelSeed = modelOptions.Seed }, progress, cancellationToken));
                await RunReportWriter.WriteAllAsync(output.Directory, output, CancellationToken.None);
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

    private static double Fraction(double value, string option) =>
        value is >= 0 and < 1 ? value : throw new InputException(option, $"must be a fraction in [0, 1) (got {value.ToString(CultureInfo.InvariantCulture)})");

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new InputException(option, $"must be a positive integer (got {value.ToString(CultureInfo.InvariantCulture)})");
}
