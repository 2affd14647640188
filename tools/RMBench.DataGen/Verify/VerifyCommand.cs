using RMBench.Core.Data;

namespace RMBench.DataGen.Verify;

/// <summary><c>dotnet run --project tools/RMBench.DataGen -- verify --out datasets [--seed N]</c>: writes verify.parquet.</summary>
public static class VerifyCommand
{
    public static Task<int> RunAsync(string[] args) => SubcommandOptions.RunAsync("verify", args, VerifyDataset.DefaultSeed, async (options, output) =>
    {
        var rows = VerifyDataset.Generate(options.Seed).Select(i => i.Row).ToList();
        await ParquetDatasetWriter.WriteAsync(Path.Combine(options.Out, VerifyDataset.FileName), "verify", rows);
        output.WriteLine(Text.Inv($"verify: {rows.Count} rows ({rows.Count(r => r.Label == true)} correct completions), seed {options.Seed}"));
    });
}
