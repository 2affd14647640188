using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.DataGen.Large;

/// <summary>
/// <c>dotnet run -c Release --project tools/RMBench.DataGen -- large --count 1000000 --out FILE.parquet [--seed N]</c>:
/// writes <see cref="LargeDataset"/> (for memory and speed measurements; not committed).
/// </summary>
public static class LargeCommand
{
    public const string Name = "large";
    public const long DefaultSeed = 20261201;

    private const string Usage = """
        Usage: dotnet run -c Release --project tools/RMBench.DataGen -- large --count N --out FILE.parquet [--seed N]

          --count N   pairs to write (e.g. 10000 or 1000000)
          --out FILE  Parquet file to write (canonical pairwise schema, row groups of 10,000)
          --seed N    generator seed (default: 20261201)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (count, output, seed) = (0, (string?)null, DefaultSeed);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0:
                    count = n;
                    i++;
                    break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--seed" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: unexpected argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return ExitCodes.InvalidInput;
            }
        }
        if (count == 0 || output is null)
        {
            Console.Error.WriteLine("error: --count and --out are required");
            Console.Error.WriteLine(Usage);
            return ExitCodes.InvalidInput;
        }
        var clock = Stopwatch.StartNew();
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } dir) Directory.CreateDirectory(dir);
        await ParquetDatasetWriter.WriteAsync(output, "pairwise", new LargeDataset(count, seed));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output}: {count} pairs, seed {seed}, {new FileInfo(output).Length / 1e6:0.0} MB in {clock.Elapsed.TotalSeconds:0.0} s"));
        return ExitCodes.Ok;
    }
}
