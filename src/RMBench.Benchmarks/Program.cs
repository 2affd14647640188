using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace RMBench.Benchmarks;

/// <summary>
/// RMBench's microbenchmarks (BenchmarkDotNet). Every benchmark runs in-process (no per-benchmark project
/// is generated and built, so it works offline and fast on small CI machines); `--job Dry` (CI) also
/// shrinks the inputs (<see cref="Scale"/>). Results go to reports/benchmarks/.
/// <code>dotnet run -c Release --project src/RMBench.Benchmarks -- --filter '*' [--job Dry|Short]</code>
/// `ratio` (first argument) runs <see cref="RawRunRatio"/> instead.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["ratio", ..]) return RawRunRatio.RunAsync(args[1..]).GetAwaiter().GetResult();
        Scale.Dry = args.Any(a => a.Equals("Dry", StringComparison.OrdinalIgnoreCase));
        string[] withToolchain = args.Contains("--inProcess") || args.Contains("-i") ? args : [.. args, "--inProcess"];
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Scale.RepoRoot, "reports", "benchmarks"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(withToolchain, config);
        // A benchmark that throws is reported, not raised: fail the process so CI notices.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
