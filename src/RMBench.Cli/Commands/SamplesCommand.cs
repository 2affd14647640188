using System.CommandLine;
using RMBench.Core.Errors;
using RMBench.Reports.Export;
using RMBench.Reports.Samples;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench samples RUN --suite S [--misses] [--limit N] [--format text|json] [--out FILE]`: items with their texts and scores.</summary>
public static class SamplesCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("RUN") { Description = "A run.json or run folder." };
        var suite = new Option<string>("--suite", "-s") { Description = "The suite whose items to show.", Required = true };
        var misses = new Option<bool>("--misses") { Description = "Only items the model did not get right (outcome below 1, or invalid)." };
        var limit = new Option<int>("--limit") { Description = "At most N items, in outcomes.parquet order.", DefaultValueFactory = _ => 20 };
        var width = new Option<int>("--width") { Description = "Console: characters shown of each text (JSON always has the full texts).", DefaultValueFactory = _ => 200 };
        var format = new Option<string>("--format") { Description = "text (console, default) or json (full texts).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--out", "-o") { Description = "File to write (atomically) instead of printing." };
        var suitesDir = new Option<string?>("--suites-dir") { Description = "Folder of suite manifests, for the suite's prompt template (default: ./suites of the checkout)." };
        var command = new Command("samples", "Show a run's items with prompts, responses, scores and outcomes (texts from the suite's datasets).")
        {
            run, suite, misses, limit, width, format, output, suitesDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(limit);
            if (n < 1) throw new InputException("--limit", $"must be a positive integer (got {n})");
            var chars = parse.GetValue(width);
            if (chars < 10) throw new InputException("--width", $"must be at least 10 (got {chars})");
            var set = await SampleView.LoadAsync(parse.GetValue(run)!, parse.GetValue(suite)!, parse.GetValue(misses), n, parse.GetValue(suitesDir), cancellationToken);
            var text = parse.GetValue(format) == "json" ? SampleView.ToJson(set) : SampleView.ToText(set, chars);
            if (parse.GetValue(output) is not { } path)
            {
                await context.Out.WriteAsync(text);
                return 0;
            }
            await OutputFile.WriteTextAsync(path, text, cancellationToken);
            await context.Out.WriteLineAsync($"wrote {Path.GetFullPath(path)}: {set.Shown} items");
            return 0;
        });
        return command;
    }
}
