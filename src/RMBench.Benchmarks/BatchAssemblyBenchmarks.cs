using BenchmarkDotNet.Attributes;
using RMBench.Core.Requests;
using RMBench.Core.Running;

namespace RMBench.Benchmarks;

/// <summary>Length-bucketed batch assembly: the runner's <see cref="Batcher"/> sorting <see cref="Scale.Items"/> requests and cutting them by rows and token budget.</summary>
[MemoryDiagnoser]
public class BatchAssemblyBenchmarks
{
    private IReadOnlyList<PlannedRequest> _requests = [];

    [GlobalSetup]
    public void Setup() =>
        _requests = Scale.SampleRequests(Scale.Items).Select((r, i) => new PlannedRequest(r, [new RequestOrigin("large", $"large-{i}", "chosen")])).ToList();

    [Benchmark(Description = "Batcher.ByLength (batches)")]
    public int Batches() => Batcher.ByLength(_requests, p => p.Request.Response.Length + p.Request.Prompt.Length, batchSize: 32, batchTokens: 16384).Count();
}
