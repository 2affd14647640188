using System.CommandLine;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Gate;
using RMBench.Core.IO;
using RMBench.Core.Metrics;
using RMBench.Core.Models;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Reports.Gate;

namespace RMBench.Cli.Commands;

/// <summary>
/// `rmbench gate`: compares a candidate run (or a model run now on the baseline's suites) with a baseline run
/// and decides PASS / FAIL / INCONCLUSIVE (<see cref="GateEvaluator"/>); writes gate.json, junit.xml, gate.md.
/// Exit code 0 pass, 1 fail, 2 inconclusive, 3 refused (runs that cannot be compared) or invalid options.
/// </summary>
public static class GateCommand
{
    /// <summary>The options `rmbench run --gate-baseline` shares with `rmbench gate`.</summary>
    /// <param name="OutDirectory">Where the reports go; null: REPORTS_ROOT/gates/&lt;candidate&gt;-vs-&lt;baseline&gt;-&lt;time&gt;.</param>
    /// <param name="Notes">Notes for the reports from before the gate (suites not run: no judged item in the baseline).</param>
    public sealed record GateCliOptions(GateOptions Gate, string? OutDirectory, string ReportsRoot = "reports", IReadOnlyList<string>? Notes = null);

    /// <summary>The baseline's suites a candidate runs on.</summary>
    /// <param name="Arguments">As --suite arguments of a run (names, or dataset files of ad-hoc suites).</param>
    /// <param name="Names">The suite names, to gate just these.</param>
    /// <param name="Notes">Baseline suites left out: no judged item (unsupported by the baseline model).</param>
    public sealed record GateSuites(IReadOnlyList<string> Arguments, IReadOnlyList<string> Names, IReadOnlyList<string> Notes);

    public static Command Create(CliContext context)
    {
        var baseline = new Option<string>("--baseline") { Description = "The baseline run: its run.json (or run folder).", Required = true };
        var candidate = new Option<string?>("--candidate") { Description = "The candidate run: its run.json (or run folder)." };
        var model = new Option<string?>("--model", "-m") { Description = "Instead of --candidate: run this model SPEC on the baseline's suites, then gate." };
        var margin = new Option<double>("--margin") { Description = "Non-inferiority margin in percentage points.", DefaultValueFactory = _ => 1.0 };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of each one-sided test (Holm-corrected across suites).", DefaultValueFactory = _ => 0.05 };
        var maxInvalid = new Option<double>("--max-invalid") { Description = "Refuse when a suite has a larger share of items with invalid scores.", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<int>("--seed") { Description = "Seed of the paired bootstrap.", DefaultValueFactory = _ => 1234 };
        var resamples = new Option<int>("--bootstrap") { Description = "Paired bootstrap resamples.", DefaultValueFactory = _ => 2000 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for gate.json, junit.xml and gate.md (default: reports/gates/<candidate>-vs-<baseline>-<time>)." };
        var runsOut = new Option<string>("--runs-out") { Description = "Output root: the candidate run (with --model) and the default reports folder go under it.", DefaultValueFactory = _ => "reports" };
        var suitesDir = new Option<string?>("--suites-dir") { Description = "With --model: folder of suite manifests (default: ./suites of the checkout)." };
        var suites = new Option<string[]>("--suite", "-s")
        {
            Description = "Gate only this suite: a name, or the FILE.parquet of an ad-hoc suite (as for run). Repeatable. Default: every suite both runs judged.",
        };

        var command = new Command("gate", "Compare a candidate with a baseline run: PASS (exit 0), FAIL (1) or INCONCLUSIVE (2) per suite and overall; writes gate.json, junit.xml, gate.md.")
        {
            baseline, candidate, model, suites, margin, alpha, maxInvalid, seed, resamples, outDir, runsOut, suitesDir,
        };
        // With --model: the batching and model options of `rmbench run` (one definition).
        var batching = new BatchingCliOptions();
        batching.AddTo(command);
        var modelCli = new ModelCliOptions();
        modelCli.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var gateOptions = new GateOptions(parse.GetValue(margin), parse.GetValue(alpha), parse.GetValue(maxInvalid), parse.GetValue(seed), parse.GetValue(resamples));
            GateEvaluator.Validate(gateOptions);
            var (candidatePath, spec) = (parse.GetValue(candidate), parse.GetValue(model));
            if ((candidatePath is null) == (spec is null))
                throw new InputException("--candidate", "give exactly one of --candidate RUN.json and --model SPEC");
            if (parse.GetValue(outDir) is { } gateOut) OutputFolder.RequireWritable(gateOut, "--out");
            OutputFolder.RequireWritable(parse.GetValue(runsOut)!, "--runs-out");
            var baselinePath = parse.GetValue(baseline)!;
            var suiteArgs = parse.GetValue(suites) ?? [];
            if (candidatePath is not null)
            {
                if (modelCli.Given(parse).Concat(batching.Given(parse)).ToList() is { Count: > 0 } modelOnly)
                    throw new InputException(modelOnly[0], $"applies to --model only (--candidate is a finished run); leave out {string.Join(", ", modelOnly)}");
                var only = suiteArgs.Length == 0 ? null : SuiteNames(suiteArgs, RunJson.Load(baselinePath));
                return await GateAsync(context, baselinePath, candidatePath,
                    new GateCliOptions(gateOptions with { Suites = only }, parse.GetValue(outDir), RunFolder.ReportsRoot(parse.GetValue(runsOut)!)), cancellationToken);
            }

            // --model: everything that can be checked is checked before the candidate scores anything: the baseline, the
            // suites (dataset sha256, --suite), the model options, and that the model takes every item the baseline judged.
            var baselineRun = await PreflightAsync(baselinePath, cancellationToken);
            var selected = await SuiteArgumentsAsync(baselineRun, parse.GetValue(suitesDir), cancellationToken,
                suiteArgs.Length == 0 ? null : SuiteNames(suiteArgs, baselineRun));
            var runOptions = new RunOptions
            {
                OutputRoot = parse.GetValue(runsOut)!,
                CacheDirectory = RunFolder.CacheDirectory(parse.GetValue(runsOut)!),
                BatchSize = batching.ReadBatchSize(parse),
                BatchTokens = batching.ReadBatchTokens(parse),
                MaxPadding = batching.ReadMaxPadding(parse),
                Concurrency = batching.ReadConcurrency(parse),
                Judging = new JudgingOptions(baselineRun.Provenance.Ties == "half" ? TiePolicy.Half : TiePolicy.Strict),
                CommandLine = RemoteCliOptions.CommandLine(parse),
                Sample = baselineRun.Sample, // a --limit baseline is gated on the same items
            };
            var modelOptions = modelCli.Read(parse);
            foreach (var note in selected.Notes) await context.Out.WriteLineAsync($"note: {note}");
            var options = new GateCliOptions(gateOptions with { Suites = selected.Names }, parse.GetValue(outDir), RunFolder.ReportsRoot(parse.GetValue(runsOut)!), selected.Notes);
            return await RunCommand.ExecuteAsync(context, [spec!], selected.Arguments, parse.GetValue(suitesDir), runOptions, modelOptions, cancellationToken,
                output => GateAsync(context, baselinePath, Path.Combine(output.Directory, RunFiles.RunJson), options, cancellationToken),
                beforeRun: (candidateModel, loaded, ct) => RequireTakesJudgedItemsAsync(baselineRun, candidateModel, loaded, ct));
        });
        return command;
    }

    /// <summary>
    /// --suite arguments of a gate as suite names: a name stays; a FILE.parquet is the baseline's suite that
    /// scored that file (an ad-hoc suite). Unknown names are left to the pairing, which names both runs' suites.
    /// </summary>
    private static IReadOnlyList<string> SuiteNames(IReadOnlyList<string> suiteArgs, RunResult baseline)
    {
        var names = new List<string>();
        var problems = new List<InputProblem>();
        foreach (var arg in suiteArgs)
        {
            if (baseline.Suites.Any(s => s.Name == arg) || !SuiteSelection.LooksLikeFile(arg))
            {
                names.Add(arg);
                continue;
            }
            var full = Path.GetFullPath(arg);
            if (baseline.Suites.FirstOrDefault(s => s.Datasets.Any(d => Path.GetFullPath(d.Path) == full)) is { } suite) names.Add(suite.Name);
            else problems.Add(new InputProblem("--suite", $"no suite of the baseline run scored '{arg}' (baseline suites: {string.Join(", ", baseline.Suites.Select(s => s.Name))})"));
        }
        if (problems.Count > 0) throw new InputException(problems);
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Refuses, before the candidate scores anything, a suite where the candidate model cannot take items the
    /// baseline judged (e.g. images for a text-only model): the gate would refuse its item sets after the run.
    /// Comparative judges are passed over (the runner rewrites their items into comparisons).
    /// </summary>
    public static async Task RequireTakesJudgedItemsAsync(RunResult baseline, IRewardModel candidate, IReadOnlyList<LoadedSuite> suites,
        CancellationToken cancellationToken)
    {
        if (candidate is IPairwiseJudge) return;
        var problems = new List<InputProblem>();
        foreach (var suite in suites)
        {
            if (baseline.Suites.FirstOrDefault(s => s.Name == suite.Name) is not { } judged) continue;
            var (taken, needs) = (0, new List<ModelCapabilities>());
            await foreach (var chunk in suite.Items.ReadChunksAsync(cancellationToken))
                foreach (var item in chunk)
                    if (SuiteSupport.Takes(candidate.Info, item)) taken++;
                    else needs.Add(SuiteSupport.Needs(item));
            if (taken < judged.Counts.Items)
                problems.Add(new InputProblem("--model",
                    $"suite '{suite.Name}': the baseline judged {judged.Counts.Items} items, model '{candidate.Info.Id}' can take {taken} " +
                    $"({SuiteSupport.Note(taken + needs.Count, needs.Count, needs, candidate.Info)}): the gate would refuse the item sets after the run; " +
                    "leave the suite out with --suite"));
        }
        if (problems.Count > 0) throw new InputException(problems);
    }

    /// <summary>
    /// Checks the baseline before a candidate run is spent on it: readable, with its outcomes.parquet, complete.
    /// Returns its results (for the suites to run).
    /// </summary>
    public static async Task<RunResult> PreflightAsync(string baselinePath, CancellationToken cancellationToken)
    {
        var baseline = await GateRun.LoadAsync(baselinePath, cancellationToken);
        if (baseline.Result.Status != "complete")
            throw new InputException(baseline.Source, $"is a {baseline.Result.Status} run and cannot be a gate baseline", column: "status");
        return baseline.Result;
    }

    /// <summary>Loads both runs, gates, writes the reports and prints the verdict; returns the gate's exit code.</summary>
    public static async Task<int> GateAsync(CliContext context, string baselinePath, string candidatePath, GateCliOptions options,
        CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        async Task<GateRun?> Load(string path)
        {
            try { return await GateRun.LoadAsync(path, cancellationToken); }
            catch (InputException e) { problems.AddRange(e.Problems); return null; }
        }
        var (baseline, candidate) = (await Load(baselinePath), await Load(candidatePath));
        if (problems.Count > 0) throw new InputException(problems);

        GateResult result;
        try { result = GateEvaluator.Evaluate(baseline!, candidate!, options.Gate); }
        catch (InputException e)
        {
            await context.Err.WriteLineAsync("gate refused: the runs cannot be compared");
            throw new InputException(e.Problems);
        }
        if (options.Notes is { Count: > 0 } earlier) result = result with { Notes = [.. earlier, .. result.Notes] };
        var directory = options.OutDirectory ?? DefaultOutDirectory(result, options.ReportsRoot);
        var files = await GateReportWriter.WriteAllAsync(directory, result, cancellationToken);
        await PrintAsync(context.Out, result, files);
        return result.ExitCode;
    }

    private static string DefaultOutDirectory(GateResult result, string root)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"{RunFolder.Sanitize(result.Candidate.ModelId)}-vs-{RunFolder.Sanitize(result.Baseline.ModelId)}-{stamp}";
        var path = Path.Combine(root, "gates", name);
        for (var n = 2; Directory.Exists(path); n++) path = Path.Combine(root, "gates", $"{name}-{n}");
        return path;
    }

    /// <summary>The more severe of two exit codes: refused or error, then fail, then inconclusive, then pass.</summary>
    public static int Worst(int a, int b)
    {
        static int Severity(int code) => code switch { ExitCodes.Ok => 0, ExitCodes.GateInconclusive => 1, ExitCodes.GateFail => 2, _ => 3 };
        return Severity(a) >= Severity(b) ? a : b;
    }

    /// <summary>
    /// The baseline's suites as --suite arguments: by name, or by dataset file for an ad-hoc suite the catalog
    /// does not know. A suite without a judged item in the baseline (unsupported by its model) is left out
    /// with a note: there is nothing to compare. Refuses (before anything is scored) when a suite's dataset
    /// files here do not have the sha256 the baseline recorded: the candidate would score different data.
    /// </summary>
    /// <param name="only">Suite names to keep (--suite); each must be a baseline suite.</param>
    public static async Task<GateSuites> SuiteArgumentsAsync(RunResult baseline, string? suitesDir, CancellationToken cancellationToken,
        IReadOnlyList<string>? only = null)
    {
        var root = SuiteCatalog.LocateRoot(suitesDir);
        var catalog = Directory.Exists(root) ? SuiteCatalog.Load(root).Manifests.ToDictionary(m => m.Name, StringComparer.Ordinal) : [];
        var arguments = new List<string>();
        var names = new List<string>();
        var notes = new List<string>();
        var problems = new List<InputProblem>();
        foreach (var name in only ?? [])
            if (baseline.Suites.All(s => s.Name != name))
                problems.Add(new InputProblem("--suite", $"suite '{name}' is not in the baseline run (its suites: {string.Join(", ", baseline.Suites.Select(s => s.Name))})"));
        foreach (var suite in baseline.Suites)
        {
            if (only is not null && !only.Contains(suite.Name)) continue;
            if (suite.Counts.Items == 0)
            {
                var reason = suite.StatusNote is null ? "" : $" ({suite.StatusNote})";
                var message = $"suite '{suite.Name}' has no judged item in the baseline run{reason}: not run, not gated";
                if (only is null) notes.Add(message);
                else problems.Add(new InputProblem("--suite", message));
                continue;
            }
            names.Add(suite.Name);
            IReadOnlyList<string> files;
            if (catalog.TryGetValue(suite.Name, out var manifest))
            {
                arguments.Add(suite.Name);
                files = manifest.Datasets.Select(d => Path.GetFullPath(Path.Combine(manifest.Directory, d.Path))).ToList();
            }
            else if (suite.Datasets is [{ } single] && File.Exists(single.Path))
            {
                arguments.Add(single.Path);
                files = [single.Path];
            }
            else
            {
                arguments.Add(suite.Name); // unknown here: the run reports it
                continue;
            }
            if (!files.All(File.Exists)) continue; // the run reports the missing file
            var here = new List<string>();
            foreach (var file in files) here.Add(await Sha256.FileHexAsync(file, cancellationToken));
            var recorded = suite.Datasets.Select(d => d.Sha256).Order(StringComparer.Ordinal);
            if (!here.Order(StringComparer.Ordinal).SequenceEqual(recorded, StringComparer.Ordinal))
                problems.Add(new InputProblem(string.Join(", ", files),
                    $"suite '{suite.Name}': dataset sha256 differ from the baseline's: the candidate would score different data than the baseline did"));
        }
        if (problems.Count > 0) throw new InputException(problems);
        if (names.Count == 0)
            throw new InputException(baseline.Model.Id, $"the baseline run has no suite with judged items to gate ({string.Join("; ", notes)})");
        return new GateSuites(arguments, names, notes);
    }

    private static async Task PrintAsync(TextWriter writer, GateResult result, GateReportFiles files)
    {
        await writer.WriteLineAsync($"gate: {result.Candidate.ModelId} vs baseline {result.Baseline.ModelId} " +
                                    string.Create(CultureInfo.InvariantCulture, $"(margin {result.Settings.MarginPoints:0.##} pp, alpha {result.Settings.Alpha:0.###}, Holm)"));
        foreach (var s in result.Suites)
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-14} {s.Metric} {s.BaselineValue:0.0000} -> {s.CandidateValue:0.0000}  d {s.Difference:+0.0000;-0.0000;0.0000} [{s.CiLow:0.0000}, {s.CiHigh:0.0000}]  {s.Method}  {s.Decision.Text()}"));
        foreach (var note in result.Notes) await writer.WriteLineAsync($"  note: {note}");
        await writer.WriteLineAsync($"gate: {result.Decision.Text()} (exit {result.ExitCode})");
        await writer.WriteLineAsync($"  wrote {files.GateJson}, junit.xml, gate.md");
    }
}
