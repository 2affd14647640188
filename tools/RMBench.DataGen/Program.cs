using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.IO;

namespace RMBench.DataGen;

/// <summary>
/// rmbench-datagen: regenerates the bundled sample datasets.
/// <code>dotnet run --project tools/RMBench.DataGen -- --out datasets [--seed 20261125] [--count N] [--jsonl FILE] [--dry-run]</code>
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: dotnet run --project tools/RMBench.DataGen -- [options]

          --out DIR      folder to write general.parquet into (default: datasets)
          --seed N       generator seed (default: 20261125, the bundled dataset)
          --count N      total rows, split over the subsets in proportion to their default sizes
                         (default: every subset at its default size)
          --exclude-seed N
                         never produce an item of the default-size dataset of seed N (for a training
                         split that must not repeat the bundled test items: --exclude-seed 20261125)
          --file NAME    file name inside --out (default: general.parquet; the baseline's training
                         split is general-train.parquet: --seed 20261126 --count 2000 --exclude-seed 20261125)
          --jsonl FILE   also write the rows as JSON lines, for reading them without Parquet tools
          --dry-run      print the statistics; write no Parquet file (a --jsonl file is still written)
          --help         show this text
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args is ["baseline", ..]) return await Baseline.BaselineCommand.RunAsync(args[1..]);
        if (args is [Large.LargeCommand.Name, ..]) return await Large.LargeCommand.RunAsync(args[1..]);
        if (args is [Large.CausalLmCommand.Name, ..]) return await Large.CausalLmCommand.RunAsync(args[1..]);
        if (args is [Large.EncoderCommand.Name, ..]) return Large.EncoderCommand.Run(args[1..]);
        if (args is [Large.DecoderCommand.Name, ..]) return Large.DecoderCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == GeneralRb2.Rb2Command.Name) return await GeneralRb2.Rb2Command.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "personalized") return await Personalized.PersonalizedDataset.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "rag") return await Rag.RagDataset.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "length-bias") return await LengthBias.LengthBiasCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "verify") return await Verify.VerifyCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "real") return await Real.RealSuites.RunAsync(args[1..]);
        if (args is [BonCurve.BonCurveCommand.Name, ..]) return await BonCurve.BonCurveCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "multimodal") return await Multimodal.MultimodalCommand.RunAsync(args[1..]);
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.InvalidInput;
        }
        if (options.Help)
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        IReadOnlyList<CanonicalRow> rows;
        try
        {
            var exclude = options.ExcludeSeed is { } excluded ? GeneralDataset.Generate(excluded) : null;
            rows = GeneralDataset.Generate(options.Seed, options.Count, exclude);
        }
        catch (ArgumentOutOfRangeException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var stats = DatasetStatistics.Compute(rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"general: {rows.Count} pairwise rows, seed {options.Seed}"));
        Console.WriteLine();
        Console.Write(stats.ToMarkdown());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chosen shorter than rejected: {stats.Total.ChosenShorter} of {stats.Total.Count} ({100 * stats.Total.ChosenShorterShare:F1}%); a length-only model (longer wins, ties count 0) scores {100.0 * stats.Total.ChosenLonger / stats.Total.Count:F1}%"));

        try
        {
            if (options.JsonLines is { } jsonl)
            {
                await AtomicFile.WriteAllTextAsync(jsonl, ToJsonLines(rows));
                Console.WriteLine($"wrote {jsonl}");
            }
            if (options.DryRun) return ExitCodes.Ok;
            var path = Path.Combine(options.Out, options.File);
            Directory.CreateDirectory(options.Out);
            await ParquetDatasetWriter.WriteAsync(path, GeneralDataset.Kind, rows);
            Console.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotImplementedException or InputException)
        {
            Console.Error.WriteLine($"error: could not write the dataset: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // A local inspection file, never embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One JSON object per row with the canonical pairwise column names.</summary>
    public static string ToJsonLines(IReadOnlyList<CanonicalRow> rows)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var r in rows)
        {
            var line = new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["subset"] = r.Subset,
                ["system"] = r.System,
                ["conversation"] = r.Conversation.Select(t => new Dictionary<string, string> { ["role"] = t.Role, ["content"] = t.Content }).ToArray(),
                ["prompt"] = r.Prompt,
                ["chosen"] = r.Chosen[0],
                ["rejected"] = r.Rejected[0],
            };
            sb.Append(JsonSerializer.Serialize(line, JsonOptions)).Append('\n');
        }
        return sb.ToString();
    }

    private sealed record Options(string Out, string File, long Seed, int? Count, long? ExcludeSeed, string? JsonLines, bool DryRun, bool Help)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options("datasets", GeneralDataset.FileName, GeneralDataset.DefaultSeed, null, null, null, false, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Value(string name) =>
                    i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
                options = args[i] switch
                {
                    "--out" => options with { Out = Value("--out") },
                    "--file" => options with { File = Value("--file") },
                    "--seed" => options with { Seed = ParseLong("--seed", Value("--seed")) },
                    "--count" => options with { Count = ParseCount(Value("--count")) },
                    "--exclude-seed" => options with { ExcludeSeed = ParseLong("--exclude-seed", Value("--exclude-seed")) },
                    "--jsonl" => options with { JsonLines = Value("--jsonl") },
                    "--dry-run" => options with { DryRun = true },
                    "--help" or "-h" => options with { Help = true },
                    var other => throw new ArgumentException($"unknown option '{other}'"),
                };
            }
            return options;
        }

        private static long ParseLong(string name, string text) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"{name} expects an integer, got '{text}'");

        private static int ParseCount(string text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"--count expects a positive integer, got '{text}'");
    }
}
