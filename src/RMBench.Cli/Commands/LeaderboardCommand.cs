using System.CommandLine;
using RMBench.Reports.Leaderboard;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench leaderboard RUN.json|RUN_DIR|bench.json... [--bench FILE]... -o leaderboard.html`: one self-contained HTML page.</summary>
public static class LeaderboardCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("RUN")
        {
            Description = "run.json files or run folders (a bench.json beside a run.json is picked up), and bench.json files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var bench = new Option<string[]>("--bench") { Description = "A bench.json with throughput and latency (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--output", "-o") { Description = "HTML file to write.", DefaultValueFactory = _ => Path.Combine("reports", "leaderboard.html") };
        var title = new Option<string>("--title") { Description = "Page title.", DefaultValueFactory = _ => "Reward model leaderboard" };
        var command = new Command("leaderboard", "Build a self-contained HTML leaderboard (no network) from run.json files.") { inputs, bench, output, title };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await LeaderboardInputs.LoadAsync(parse.GetValue(inputs) ?? [], parse.GetValue(bench) ?? [], cancellationToken);
            var path = parse.GetValue(output)!;
            var page = await LeaderboardHtml.WriteAsync(loaded, path, parse.GetValue(title)!, cancellationToken);
            foreach (var line in loaded.Skipped) await context.Out.WriteLineAsync($"note: {line}");
            await context.Out.WriteLineAsync($"wrote {Path.GetFullPath(path)}: {page.Summary}");
            foreach (var notice in page.Notices.Where(n => n.Level == "warn")) await context.Out.WriteLineAsync($"warning: {notice.Text}");
            return 0;
        });
        return command;
    }
}
