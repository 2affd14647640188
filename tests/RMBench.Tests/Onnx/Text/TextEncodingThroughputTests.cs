using System.Diagnostics;
using RMBench.Core.Requests;
using RMBench.DataGen;
using RMBench.Onnx.Text;
using Xunit.Abstractions;

namespace RMBench.Tests.Onnx.Text;

/// <summary>Encoding the bundled general dataset with the real Qwen3 tokenizer: thread-safe, and how fast (printed).</summary>
public sealed class TextEncodingThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Parallel_encoding_of_the_general_dataset_equals_sequential_encoding()
    {
        var requests = GeneralDataset.Generate()
            .SelectMany(r => r.Chosen.Concat(r.Rejected).Select(response =>
                new ScoringRequest(r.System, [.. r.Conversation, new Turn("user", r.Prompt)], response)))
            .ToList();
        // Wall clock and this process's CPU time: on a shared machine the CPU figure is the honest one.
        var process = Process.GetCurrentProcess();
        TimeSpan Cpu() { process.Refresh(); return process.TotalProcessorTime; }
        var (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        var encoder = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions());
        var (load, loadCpu) = (clock.Elapsed, Cpu() - cpu);
        (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        var sequential = requests.Select(encoder.Encode).ToList();
        var (cold, coldCpu) = (clock.Elapsed, Cpu() - cpu);
        (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        foreach (var request in requests) encoder.Encode(request);
        var (warm, warmCpu) = (clock.Elapsed, Cpu() - cpu);
        var parallel = requests.AsParallel().AsOrdered().Select(encoder.Encode).ToList();

        for (var i = 0; i < requests.Count; i++) Assert.Equal(sequential[i].Ids, parallel[i].Ids);
        var tokens = sequential.Sum(e => e.Ids.Length);
        output.WriteLine($"load {load.TotalMilliseconds:F0} ms wall / {loadCpu.TotalMilliseconds:F0} ms CPU; {requests.Count} requests, {tokens} tokens; " +
            $"first pass {tokens / cold.TotalSeconds:F0} tokens/s wall, {tokens / coldCpu.TotalSeconds:F0} per CPU-s; " +
            $"second pass {tokens / warm.TotalSeconds:F0} tokens/s wall, {tokens / warmCpu.TotalSeconds:F0} per CPU-s (one thread)");
    }
}
