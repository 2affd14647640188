using System.Diagnostics;
using RMBench.Cli;

namespace RMBench.Tests.Cli;

/// <summary>What a CLI invocation printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string All => Out + Err;
}

/// <summary>Runs the real CLI: in-process through Program.RunAsync, or as a child process (for kill tests).</summary>
public static class Cli
{
    /// <summary>Serialises in-process runs: commands read the working directory and environment.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exit = await Program.RunAsync(args, new CliContext(stdout, stderr, Interactive: false, CancellationToken.None));
            return new CliResult(exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Starts `dotnet rmbench.dll ARGS` from the test output folder (where test-only backends sit beside it).</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rmbench.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["CI"] = "true";
        info.Environment["RMBENCH_SUITES"] = Path.Combine(TestPaths.RepoRoot, "suites");
        return Process.Start(info)!;
    }

    public static async Task<CliResult> RunProcessAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
