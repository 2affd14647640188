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
        var clock = Stopwatch.StartNew();
        var encoder = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions());
        var load = clock.Elapsed;
        clock.Restart();
        var sequential = requests.Select(encoder.Encode).ToList();
        var cold = clock.Elapsed;
        clock.Restart();
        foreach (var request in requests) encoder.Encode(request);
        var warm = clock.Elapsed;
        var parallel = requests.AsParallel().AsOrdered().Select(encoder.Encode).ToList();

        for (var i = 0; i < requests.Count; i++) Assert.Equal(sequential[i].Ids, parallel[i].Ids);
        var tokens = sequential.Sum(e => e.Ids.Length);
        output.WriteLine($"load {load.TotalMilliseconds:F0} ms; {requests.Count} requests, {tokens} tokens; " +
            $"first pass {tokens / cold.TotalSeconds:F0} tokens/s, second pass {tokens / warm.TotalSeconds:F0} tokens/s (one thread)");
    }
}
