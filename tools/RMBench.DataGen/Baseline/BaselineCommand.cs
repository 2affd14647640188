using System.Diagnostics;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Onnx.Baseline;

namespace RMBench.DataGen.Baseline;

/// <summary>
/// <c>rmbench-datagen baseline [--train FILE] [--out DIR]</c>: retrains the built-in ONNX baseline on the
/// bundled training split and writes its export directory (the files embedded in RMBench.Onnx).
/// </summary>
public static class BaselineCommand
{
    public const string DefaultOut = "src/RMBench.Onnx/Baseline/Model";
    public const string DefaultTrain = "datasets/general-train.parquet";

    public static async Task<int> RunAsync(string[] args)
    {
        var (train, outDir) = (DefaultTrain, DefaultOut);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--train" when i + 1 < args.Length: train = args[++i]; break;
                case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
                case "--help" or "-h":
                    Console.WriteLine($"Usage: dotnet run --project tools/RMBench.DataGen -- baseline [--train {DefaultTrain}] [--out {DefaultOut}]");
                    return ExitCodes.Ok;
                default:
                    Console.Error.WriteLine($"error: unknown or incomplete option '{args[i]}'");
                    return ExitCodes.InvalidInput;
            }
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await BaselineRecipe.TrainAsync(train, outDir);
        }
        catch (InputException e)
        {
            foreach (var problem in e.Problems) Console.Error.WriteLine($"error: {problem}");
            return ExitCodes.InvalidInput;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained the baseline on {train} in {clock.Elapsed.TotalSeconds:F1} s; wrote {outDir}"));
        return ExitCodes.Ok;
    }
}
