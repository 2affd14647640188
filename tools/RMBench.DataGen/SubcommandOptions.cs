using System.Globalization;
using RMBench.Core.Errors;

namespace RMBench.DataGen;

/// <summary>The options of a suite subcommand (<c>-- &lt;suite&gt; --out DIR [--seed N]</c>) and its run with exit codes.</summary>
public sealed record SubcommandOptions(string Out, long Seed)
{
    /// <summary>Parses <paramref name="args"/>, creates the output folder and runs <paramref name="write"/>; 3 for bad options, 4 for I/O failures.</summary>
    public static async Task<int> RunAsync(string suite, string[] args, long defaultSeed, Func<SubcommandOptions, TextWriter, Task> write)
    {
        SubcommandOptions options;
        try { options = Parse(args, defaultSeed); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine($"Usage: dotnet run --project tools/RMBench.DataGen -- {suite} [--out DIR (default datasets)] [--seed N (default {defaultSeed})]");
            return ExitCodes.InvalidInput;
        }
        try
        {
            Directory.CreateDirectory(options.Out);
            await write(options, Console.Out);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the dataset: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    public static SubcommandOptions Parse(string[] args, long defaultSeed)
    {
        var options = new SubcommandOptions("datasets", defaultSeed);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--out" => options with { Out = Value() },
                "--seed" => options with
                {
                    Seed = long.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
                        ? seed
                        : throw new ArgumentException($"--seed expects an integer, got '{args[i]}'"),
                },
                var other => throw new ArgumentException($"unknown option '{other}'"),
            };
        }
        return options;
    }
}
