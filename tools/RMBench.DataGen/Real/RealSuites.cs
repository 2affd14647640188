using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Import;

namespace RMBench.DataGen.Real;

/// <summary>One bundled file converted from an upstream benchmark file by the project's own importer.</summary>
/// <param name="Source">Path under the shared data folder (../shared/data): a file or a folder.</param>
public sealed record RealDataset(string FileName, string Source, IImporter Importer);

/// <summary>
/// The real benchmark files bundled as suites (LLMBar, RM-Bench chat and safety-response, HH-RLHF harmless test,
/// PandaLM test set), converted from <c>../shared/data</c> with the importers of <c>RMBench.Core.Import</c>.
/// Every imported row is kept (no subsample): the default run of all suites with the three default models takes about
/// 15 s on the 2-core CI machine.
/// </summary>
public static class RealSuites
{
    public static IReadOnlyList<RealDataset> Datasets { get; } =
    [
        new("llmbar.parquet", "llmbar", new LlmBarImporter()),
        new("rm-bench-chat.parquet", "rm-bench/chat_filtered.json", new RmBenchImporter()),
        new("rm-bench-safety-response.parquet", "rm-bench/safety-response_filtered.json", new RmBenchImporter()),
        new("hh-rlhf-harmless.parquet", "hh-rlhf/harmless-base_test.jsonl", new HhRlhfImporter()),
        new("pandalm.parquet", "pandalm/testset-v1.json", new PandaLmImporter()),
    ];

    /// <summary>Imports <paramref name="dataset"/> from <paramref name="sharedData"/> (the canonical rows the generator writes).</summary>
    public static Task<ImportResult> ConvertAsync(RealDataset dataset, string sharedData, CancellationToken cancellationToken = default) =>
        dataset.Importer.ImportAsync(Path.Combine(sharedData, dataset.Source), cancellationToken);

    /// <summary><c>dotnet run --project tools/RMBench.DataGen -- real [--data ../shared/data] [--out datasets]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (data, output) = (Path.Combine("..", "shared", "data"), "datasets");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length) data = args[++i];
            else if (args[i] == "--out" && i + 1 < args.Length) output = args[++i];
            else
            {
                Console.Error.WriteLine($"error: unknown option '{args[i]}'");
                Console.Error.WriteLine("Usage: dotnet run --project tools/RMBench.DataGen -- real [--data DIR (default ../shared/data)] [--out DIR (default datasets)]");
                return Core.Errors.ExitCodes.InvalidInput;
            }
        }
        try
        {
            Directory.CreateDirectory(output);
            foreach (var dataset in Datasets)
            {
                var import = await ConvertAsync(dataset, data);
                var rows = import.Rows;
                var path = Path.Combine(output, dataset.FileName);
                await ParquetDatasetWriter.WriteAsync(path, import.Kind, rows);
                var subsets = string.Join(", ", rows.GroupBy(r => r.Subset).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{dataset.FileName}: {rows.Count} rows ({import.Kind}; {import.Skipped.Count} upstream records skipped by the importer): {subsets}"));
            }
            return Core.Errors.ExitCodes.Ok;
        }
        catch (Core.Errors.InputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Core.Errors.ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the dataset: {e.Message}");
            return Core.Errors.ExitCodes.RuntimeError;
        }
    }
}
