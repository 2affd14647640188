using RMBench.Core.Running;
using Spectre.Console;

namespace RMBench.Cli.Terminal;

/// <summary>
/// Shows scoring progress: a live bar on a terminal, plain lines (at most one per 10%) when output is
/// redirected or in CI, so logs stay readable.
/// </summary>
public static class RunProgressDisplay
{
    public static async Task<RunOutput> TrackAsync(CliContext context, string modelId, Func<IProgress<RunProgress>, Task<RunOutput>> run)
    {
        if (!context.Interactive) return await run(new PlainProgress(context.Err, modelId));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Err) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"scoring with {modelId}"));
                return await run(new Progress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Scored;
                }));
            });
    }

    /// <summary>Synchronous reporter: lines appear in order, in the scoring thread.</summary>
    private sealed class PlainProgress(TextWriter writer, string modelId) : IProgress<RunProgress>
    {
        private int _lastDecile = -1;

        public void Report(RunProgress value)
        {
            var decile = value.Total == 0 ? 10 : value.Scored * 10 / value.Total;
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            var reused = value.FromCache + value.FromJournal > 0 ? $" ({value.FromCache} from cache, {value.FromJournal} from journal)" : "";
            writer.WriteLine($"[{modelId}] {value.Scored}/{value.Total} requests scored or reused{reused}");
        }
    }
}
