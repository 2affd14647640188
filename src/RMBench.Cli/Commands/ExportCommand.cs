using System.CommandLine;
using RMBench.Core.Errors;
using RMBench.Reports.Export;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench export RUN... [--what runs|suites|samples] --format csv|json --out FILE`: runs as tables for pandas.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("RUN")
        {
            Description = "run.json files, run folders, or folders of runs (e.g. reports/runs: every run.json below it).",
            Arity = ArgumentArity.OneOrMore,
        };
        var what = new Option<string>("--what") { Description = "runs: a row per run x suite x metric; suites: a row per run x suite (headline and counts); samples: a row per item (outcome, a score column per role).", DefaultValueFactory = _ => "runs" };
        what.AcceptOnlyFromAmong([.. RunExport.Whats]);
        var format = new Option<string>("--format") { Description = "csv (RFC 4180) or json (an array of row objects).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string>("--out", "-o") { Description = "File to write (atomically).", Required = true };
        var suite = new Option<string?>("--suite") { Description = "samples: only this suite." };
        var command = new Command("export", "Export runs to CSV or JSON for pandas: metrics with intervals, suites, or per-item samples.")
        {
            inputs, what, format, output, suite,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kind = parse.GetValue(what)!;
            if (parse.GetValue(suite) is not null && kind != "samples") throw new InputException("--suite", "applies to --what samples only");
            var runs = RunExport.Load(parse.GetValue(inputs) ?? []);
            var table = kind switch
            {
                "suites" => RunExport.Suites(runs),
                "samples" => await RunExport.SamplesAsync(runs, parse.GetValue(suite), cancellationToken),
                _ => RunExport.Metrics(runs),
            };
            var path = parse.GetValue(output)!;
            await table.WriteAsync(path, parse.GetValue(format)!, cancellationToken);
            await context.Out.WriteLineAsync($"wrote {Path.GetFullPath(path)}: {table.Rows.Count} rows ({kind}) from {runs.Count} run(s)");
            return 0;
        });
        return command;
    }
}
