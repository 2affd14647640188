using BenchmarkDotNet.Attributes;
using RMBench.Core.Data;
using RMBench.Core.Suites.Kinds;
using RMBench.DataGen.Large;

namespace RMBench.Benchmarks;

/// <summary>Reading and validating a generated pairwise Parquet file of <see cref="Scale.ParquetPairs"/> pairs (row groups of 10,000) with the canonical schema, as `rmbench run` does.</summary>
[MemoryDiagnoser]
public class ParquetReadBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Scale.NewTempDirectory("parquet"), $"large-{Scale.ParquetPairs}.parquet");
        if (!File.Exists(_path)) ParquetDatasetWriter.WriteAsync(_path, "pairwise", new LargeDataset(Scale.ParquetPairs, LargeCommand.DefaultSeed)).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "ParquetDatasetReader.ReadAsync (rows)")]
    public async Task<int> Read() => (await ParquetDatasetReader.ReadAsync(_path, new PairwiseKind().Schema)).Rows.Count;
}
