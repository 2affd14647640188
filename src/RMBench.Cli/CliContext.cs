namespace RMBench.Cli;

/// <summary>Where a command writes and whether it may draw live progress (a terminal) or must print plain lines.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Err, bool Interactive, CancellationToken Cancellation)
{
    public static CliContext FromConsole()
    {
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C stops after the batch in flight and writes a partial run; a second one kills.
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        var interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        return new CliContext(Console.Out, Console.Error, interactive, cancellation.Token);
    }
}
