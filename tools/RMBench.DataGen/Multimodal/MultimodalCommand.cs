using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.DataGen.Multimodal;

/// <summary>
/// <code>dotnet run --project tools/RMBench.DataGen -- multimodal [--out datasets] [--seed 20261201]</code>
/// writes multimodal-pairs.parquet (image-pair) and multimodal-answers.parquet (image-response).
/// </summary>
public static class MultimodalCommand
{
    private const string Usage = """
        Usage: dotnet run --project tools/RMBench.DataGen -- multimodal [options]

          --out DIR   folder to write multimodal-pairs.parquet and multimodal-answers.parquet into (default: datasets)
          --seed N    generator seed (default: 20261201, the bundled dataset)
          --help      show this text
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (outDir, seed) = ("datasets", MultimodalDataset.DefaultSeed);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--seed" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    Console.Error.WriteLine($"error: unknown option or missing value at '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return ExitCodes.InvalidInput;
            }
        }

        var pairs = MultimodalDataset.GeneratePairs(seed);
        var answers = MultimodalDataset.GenerateAnswers(seed);
        try
        {
            Directory.CreateDirectory(outDir);
            await WriteAsync(Path.Combine(outDir, MultimodalDataset.PairsFile), "image-pair", pairs);
            await WriteAsync(Path.Combine(outDir, MultimodalDataset.AnswersFile), "image-response", answers);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the dataset: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    private static async Task WriteAsync(string path, string kind, IReadOnlyList<MultimodalItem> items)
    {
        await ParquetDatasetWriter.WriteAsync(path, kind, [.. items.Select(i => i.Row)]);
        var subsets = string.Join(", ", items.GroupBy(i => i.Row.Subset).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {items.Count} {kind} rows ({subsets})"));
    }
}
