using System.CommandLine;
using RMBench.Cli.Commands;
using RMBench.Core.Errors;

namespace RMBench.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliContext.FromConsole());

    /// <summary>Entry point for tests and Main: parses, runs, and maps failures to documented exit codes.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = BuildRoot(context);
        // Bare `rmbench` shows the help (exit 0), as `rmbench --help` does.
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in ParseErrorMessages.Describe(parsed)) await context.Err.WriteLineAsync($"error: {message}");
            await context.Err.WriteLineAsync("Run 'rmbench --help' (or 'rmbench COMMAND --help') for usage.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = context.Out,
                Error = context.Err,
            }, context.Cancellation);
        }
        catch (InputException e)
        {
            await context.Err.WriteLineAsync(e.Problems.Count == 1 ? "error: invalid input" : $"error: invalid input ({e.Problems.Count} problems)");
            foreach (var problem in e.Problems) await context.Err.WriteLineAsync($"  {problem}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            await context.Err.WriteLineAsync("cancelled");
            return ExitCodes.RuntimeError;
        }
        catch (Exception e)
        {
            await context.Err.WriteLineAsync($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("RMBENCH_DEBUG") is "1") await context.Err.WriteLineAsync(e.ToString());
            else await context.Err.WriteLineAsync("(set RMBENCH_DEBUG=1 for the stack trace)");
            return ExitCodes.RuntimeError;
        }
    }

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "RMBench: benchmark reward models. Exit codes: 0 ok/pass, 1 gate fail, 2 gate inconclusive, 3 invalid input, 4 runtime error.");
        root.Add(RunCommand.Create(context));
        root.Add(ImportCommand.Create(context));
        root.Add(GateCommand.Create(context));
        root.Add(InspectCommand.Create(context));
        root.Add(SuitesCommand.Create(context));
        root.Add(ModelsCommand.Create(context));
        root.Add(LeaderboardCommand.Create(context));
        root.Add(BenchCommand.Create(context));
        root.Add(ServeCommand.Create(context));
        root.Add(CompareCommand.Create(context)); root.Add(ExportCommand.Create(context)); root.Add(SamplesCommand.Create(context));
        return root;
    }
}
