using System.CommandLine;
using RMBench.Core.Gate;
using RMBench.Reports.Compare;
using RMBench.Reports.Export;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench compare A B [--format table|md|html|json] [--out FILE]`: per-suite and per-subset differences B - A with intervals.</summary>
public static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string[]>("RUN")
        {
            Description = "Two runs, A then B: run.json files or run folders (with their outcomes.parquet). Differences are B - A.",
            Arity = new ArgumentArity(2, 2),
        };
        var format = new Option<string>("--format") { Description = "table (console, default), md, html or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. CompareReport.Formats]);
        var output = new Option<string?>("--out", "-o") { Description = "File to write (atomically) instead of printing." };
        var seed = new Option<int>("--seed") { Description = "Seed of the paired bootstrap.", DefaultValueFactory = _ => 1234 };
        var resamples = new Option<int>("--bootstrap") { Description = "Paired bootstrap resamples.", DefaultValueFactory = _ => 2000 };
        var command = new Command("compare", "Compare two runs suite by suite and subset by subset: A, B and B - A with 95% intervals (paired where both runs judged the same items).")
        {
            runs, format, output, seed, resamples,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(runs)!;
            var bootstrap = parse.GetValue(resamples);
            if (bootstrap < 100) throw new Core.Errors.InputException("--bootstrap", $"must be at least 100 resamples (got {bootstrap})");
            var a = await GateRun.LoadAsync(paths[0], cancellationToken);
            var b = await GateRun.LoadAsync(paths[1], cancellationToken);
            var comparison = RunComparison.Build(a, b, parse.GetValue(seed), bootstrap);
            var text = CompareReport.Render(comparison, parse.GetValue(format)!);
            if (parse.GetValue(output) is not { } path)
            {
                await context.Out.WriteAsync(text);
                return 0;
            }
            await OutputFile.WriteTextAsync(path, text, cancellationToken);
            await context.Out.WriteLineAsync($"wrote {Path.GetFullPath(path)}: {comparison.Rows.Count} rows, {comparison.Notes.Count} notes");
            return 0;
        });
        return command;
    }
}
