using RMBench.Core.Data;

namespace RMBench.DataGen.BonCurve;

/// <summary><c>dotnet run --project tools/RMBench.DataGen -- bon-curve --out datasets [--seed N]</c>: writes bon-curve.parquet.</summary>
public static class BonCurveCommand
{
    public const string Name = "bon-curve";

    public static Task<int> RunAsync(string[] args) => SubcommandOptions.RunAsync(Name, args, BonCurveDataset.DefaultSeed, async (options, output) =>
    {
        var rows = BonCurveDataset.Generate(options.Seed);
        await BonCurveDatasetWriter.WriteAsync(Path.Combine(options.Out, BonCurveDataset.FileName), rows);
        output.WriteLine(Text.Inv($"bon-curve: {rows.Count} prompts x {BonCurveDataset.Responses} responses, seed {options.Seed}"));
    });
}
