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
    public sealed record GateCliOptions(GateOptions Gate, string? OutDirectory, string ReportsRoot = "reports");

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

        var command = new Command("gate", "Compare a candidate with a baseline run: PASS (exit 0), FAIL (1) or INCONCLUSIVE (2) per suite and overall; writes gate.json, junit.xml, gate.md.")
        {
            baseline, candidate, model, margin, alpha, maxInvalid, seed, resamples, outDir, runsOut, suitesDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GateCliOptions(
                new GateOptions(parse.GetValue(margin), parse.GetValue(alpha), parse.GetValue(maxInvalid), parse.GetValue(seed), parse.GetValue(resamples)),
                parse.GetValue(outDir), parse.GetValue(runsOut)!);
            GateEvaluator.Validate(options.Gate);
            var (candidatePath, spec) = (parse.GetValue(candidate), parse.GetValue(model));
            if ((candidatePath is null) == (spec is null))
                throw new InputException("--candidate", "give exactly one of --candidate RUN.json and --model SPEC");
            var baselinePath = parse.GetValue(baseline)!;
            if (candidatePath is not null)
                return await GateAsync(context, baselinePath, candidatePath, options, cancellationToken);

            // --model: the candidate runs on the baseline's suites with the baseline's tie policy; then the gate.
            var baselineRun = await PreflightAsync(baselinePath, cancellationToken);
            var runOptions = new RunOptions
            {
                OutputRoot = parse.GetValue(runsOut)!,
                CacheDirectory = Path.Combine(parse.GetValue(runsOut)!, "cache"),
                Judging = new JudgingOptions(baselineRun.Provenance.Ties == "half" ? TiePolicy.Half : TiePolicy.Strict),
                CommandLine = "rmbench " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                Sample = baselineRun.Sample, // a --limit baseline is gated on the same items
            };
            var suiteArgs = await SuiteArgumentsAsync(baselineRun, parse.GetValue(suitesDir), cancellationToken);
            return await RunCommand.ExecuteAsync(context, [spec!], suiteArgs, parse.GetValue(suitesDir), runOptions, new ModelOptions(), cancellationToken,
                output => GateAsync(context, baselinePath, Path.Combine(output.Directory, RunFiles.RunJson), options, cancellationToken));
        });
        return command;
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
    /// does not know. Refuses (before anything is scored) when a suite's dataset files here do not have the
    /// sha256 the baseline recorded: the candidate would score different data.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SuiteArgumentsAsync(RunResult baseline, string? suitesDir, CancellationToken cancellationToken)
    {
        var root = SuiteCatalog.LocateRoot(suitesDir);
        var catalog = Directory.Exists(root) ? SuiteCatalog.Load(root).Manifests.ToDictionary(m => m.Name, StringComparer.Ordinal) : [];
        var arguments = new List<string>();
        var problems = new List<InputProblem>();
        foreach (var suite in baseline.Suites)
        {
            IReadOnlyList<string> files;
            if (catalog.TryGetValue(suite.Name, out var manifest))
            {
                arguments.Add(suite.Name);
                files = manifest.Datasets.Select(d => Path.GetFullPath(Path.Combine(manifest.Directory, d.Path))).ToList();
            }
            else if (suite.Datasets is [{ } only] && File.Exists(only.Path))
            {
                arguments.Add(only.Path);
                files = [only.Path];
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
        return arguments;
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
