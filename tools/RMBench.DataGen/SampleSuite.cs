using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Errors;

namespace RMBench.DataGen;

/// <summary>One subset of a sample suite: its name, default size, why its chosen answer is preferred, and how to draw one row.</summary>
/// <param name="Draw">Draws a row without its id (the id is "&lt;subset&gt;-NNN").</param>
internal sealed record SampleSubset(string Name, int DefaultCount, string Rationale, Func<SplitMix64, CanonicalRow> Draw);

/// <summary>
/// Shared by the suite generators reached as a first-argument subcommand (<c>-- personalized --out datasets</c>):
/// distinct rows per subset from an independent stream per subset, and the small command line around them.
/// </summary>
internal static class SampleSuite
{
    /// <summary>
    /// <paramref name="count"/> distinct rows (by every text field) of one subset, drawn from a stream derived
    /// from the seed and the subset name, so that resizing one subset never changes another.
    /// </summary>
    public static IReadOnlyList<CanonicalRow> Rows(SampleSubset subset, long seed, int? count = null)
    {
        var n = count ?? subset.DefaultCount;
        var rng = SplitMix64.Derive(seed, subset.Name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<CanonicalRow>(n);
        var misses = 0;
        while (rows.Count < n)
        {
            var row = subset.Draw(rng);
            if (!seen.Add(Key(row)))
            {
                if (++misses > 5000) throw new InvalidOperationException($"subset '{subset.Name}' produced only {rows.Count} distinct rows; {n} were asked for");
                continue;
            }
            Check(subset.Name, row);
            rows.Add(row with { Id = subset.Name + "-" + (rows.Count + 1).ToString("D3", CultureInfo.InvariantCulture), Subset = subset.Name });
        }
        return rows;
    }

    private static string Key(CanonicalRow r) =>
        string.Join('\u001f', [r.Persona ?? "\u0000", .. r.Documents ?? [], r.Prompt, .. r.Chosen, .. r.Rejected]);

    private static void Check(string subset, CanonicalRow row)
    {
        static bool Clean(string? s) => !string.IsNullOrWhiteSpace(s) && s.Trim() == s;
        var texts = new[] { row.Prompt, row.Chosen[0], row.Rejected[0] }.Concat(row.Documents ?? []);
        if (!texts.All(Clean) || (row.Persona is not null && !Clean(row.Persona)) || row.Chosen[0] == row.Rejected[0])
            throw new InvalidOperationException($"subset '{subset}' drew an invalid row: {row.Prompt}");
    }

    /// <summary>
    /// <c>SUITE [--out DIR] [--seed N]</c>: writes DIR/FILE with the rows and prints the per-subset counts.
    /// Exit codes as the CLI's: 0 ok, 3 bad arguments, 4 write failure.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, string suite, string fileName, long defaultSeed,
        IReadOnlyList<SampleSubset> subsets, Func<long, IReadOnlyList<CanonicalRow>> generate)
    {
        var usage = $"Usage: dotnet run --project tools/RMBench.DataGen -- {suite} [--out DIR (default datasets)] [--seed N (default {defaultSeed})]";
        var (output, seed) = ("datasets", defaultSeed);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null: output = value; i++; break;
                case "--seed" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed): seed = parsed; i++; break;
                case "--help" or "-h": Console.WriteLine(usage); return ExitCodes.Ok;
                default:
                    Console.Error.WriteLine($"error: unexpected or incomplete argument '{args[i]}'");
                    Console.Error.WriteLine(usage);
                    return ExitCodes.InvalidInput;
            }
        }
        var rows = generate(seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{suite}: {rows.Count} pairwise rows, seed {seed}"));
        foreach (var subset in subsets)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {subset.Name}: {rows.Count(r => r.Subset == subset.Name)} ({subset.Rationale})"));
        try
        {
            Directory.CreateDirectory(output);
            var path = Path.Combine(output, fileName);
            await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows);
            Console.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the dataset: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
