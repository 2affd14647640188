using RMBench.Core.Data;
using RMBench.Core.Models.Baselines;

namespace RMBench.DataGen.LengthBias;

/// <summary>
/// <c>dotnet run --project tools/RMBench.DataGen -- length-bias --out datasets [--seed N]</c>: writes
/// length-bias.parquet (style-matrix) and length-bias-pairs.parquet (pairwise).
/// </summary>
public static class LengthBiasCommand
{
    public static Task<int> RunAsync(string[] args) => SubcommandOptions.RunAsync("length-bias", args, LengthBiasDataset.DefaultSeed, async (options, output) =>
    {
        var matrix = LengthBiasDataset.Matrix(options.Seed).Select(i => i.Row).ToList();
        var pairs = LengthBiasDataset.Pairs(options.Seed).Select(i => i.Row).ToList();
        await ParquetDatasetWriter.WriteAsync(Path.Combine(options.Out, LengthBiasDataset.MatrixFile), "style-matrix", matrix);
        await ParquetDatasetWriter.WriteAsync(Path.Combine(options.Out, LengthBiasDataset.PairsFile), "pairwise", pairs);
        var shorter = pairs.Count(p => LengthModel.CountCodePoints(p.Chosen[0]) < LengthModel.CountCodePoints(p.Rejected[0]));
        output.WriteLine(Text.Inv($"length-bias: {matrix.Count} style-matrix rows, {pairs.Count} pairs ({shorter} with the shorter answer chosen), seed {options.Seed}"));
    });
}
