using System.Globalization;
using System.Text;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.DataGen.GeneralRb2;

/// <summary>
/// <c>dotnet run --project tools/RMBench.DataGen -- general-rb2 --out datasets [--seed N] [--dry-run]</c>: writes the
/// RewardBench 2 part of the general suite (general-bon.parquet, general-ties.parquet) and prints its statistics.
/// </summary>
public static class Rb2Command
{
    public const string Name = "general-rb2";

    private const string Usage = """
        Usage: dotnet run --project tools/RMBench.DataGen -- general-rb2 [options]

          --out DIR   folder to write general-bon.parquet and general-ties.parquet into (default: datasets)
          --seed N    generator seed (default: 20261201, the bundled datasets)
          --jsonl F   also write every row of both datasets as JSON lines to F, for reading without Parquet tools
          --dry-run   print the statistics; write no Parquet file (a --jsonl file is still written)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (output, seed, dryRun, jsonl) = ("datasets", Rb2Dataset.DefaultSeed, false, (string?)null);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--seed" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--jsonl" when i + 1 < args.Length: jsonl = args[++i]; break;
                case "--dry-run": dryRun = true; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    Console.Error.WriteLine($"error: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return ExitCodes.InvalidInput;
            }
        }

        var bon = Rb2Dataset.GenerateBestOfN(seed);
        var ties = Rb2Dataset.GenerateTies(seed);
        Console.WriteLine(Text.Inv($"general-rb2: {bon.Count} best-of-4 rows, {ties.Count} ties rows ({ties.Count / 2} prompts), seed {seed}"));
        Console.WriteLine();
        Console.Write(StatisticsMarkdown([.. bon, .. ties]));
        try
        {
            if (jsonl is not null)
            {
                await RMBench.Core.IO.AtomicFile.WriteAllTextAsync(jsonl, ToJsonLines([.. bon, .. ties]));
                Console.WriteLine($"wrote {jsonl}");
            }
            if (dryRun) return ExitCodes.Ok;
            Directory.CreateDirectory(output);
            foreach (var (file, items) in new[] { (Rb2Dataset.BonFileName, bon), (Rb2Dataset.TiesFileName, ties) })
            {
                var path = Path.Combine(output, file);
                await ParquetDatasetWriter.WriteAsync(path, Rb2Dataset.Kind, Rb2Dataset.Rows(items));
                Console.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the datasets: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>One JSON object per row (id, subset, prompt, chosen list, rejected list).</summary>
    public static string ToJsonLines(IEnumerable<Rb2Item> items)
    {
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var sb = new StringBuilder();
        foreach (var r in items.Select(i => i.Row))
            sb.Append(System.Text.Json.JsonSerializer.Serialize(new { id = r.Id, subset = r.Subset, prompt = r.Prompt, chosen = r.Chosen, rejected = r.Rejected }, options)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Per subset: rows, answers per row, mean characters of correct and incorrect answers, and how often the
    /// longest answer of a row is a correct one (what a length-only model gets right, ignoring ties).
    /// </summary>
    public static string StatisticsMarkdown(IReadOnlyList<Rb2Item> items)
    {
        var sb = new StringBuilder();
        sb.Append("| subset | rows | answers per row | mean chars correct | mean chars incorrect | longest answer is correct |\n");
        sb.Append("|---|---:|---|---:|---:|---:|\n");
        foreach (var group in items.GroupBy(i => i.Row.Subset))
        {
            var rows = group.Select(i => i.Row).ToList();
            var sizes = rows.Select(r => $"{r.Chosen.Count}+{r.Rejected.Count}").Distinct().Order(StringComparer.Ordinal);
            var longestCorrect = rows.Count(r => r.Chosen.Max(a => a.Length) > r.Rejected.Max(a => a.Length));
            sb.Append(Text.Inv($"| `{group.Key}` | {rows.Count} | {string.Join(", ", sizes)} | {rows.SelectMany(r => r.Chosen).Average(a => a.Length):F0} | {rows.SelectMany(r => r.Rejected).Average(a => a.Length):F0} | {longestCorrect} ({100.0 * longestCorrect / rows.Count:F1}%) |\n"));
        }
        return sb.ToString();
    }
}
