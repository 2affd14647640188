using System.Text.Json;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;
using RMBench.Onnx.LanguageModel;
using RMBench.Onnx.Text.Tokenizers;
using RMBench.Tests.Onnx.Text;

namespace RMBench.Tests.LanguageModel;

/// <summary>Tiny causal LMs (graph builder, random weights) with a real byte-level BPE tokenizer.json written here.</summary>
public static class LmFixtures
{
    /// <summary>Byte b has id b; one merge "Ġ" + "h" -> "Ġh" = 256; added tokens &lt;|im_start|&gt; 257, &lt;|im_end|&gt; 258, &lt;|endoftext|&gt; 259.</summary>
    public const int Vocab = 260;
    public const int ImEnd = 258;
    public const int EndOfText = 259;

    public static TransformerShape Shape(int seed = 7) => new(Layers: 2, Hidden: 16, Heads: 2, Ffn: 32, Vocab: Vocab, MaxPositions: 256, Seed: seed);

    /// <summary>The tokenizer folder; <paramref name="merges"/> false leaves out the "Ġh" merge (another vocabulary's tokenizer files).</summary>
    public static string Tokenizer(bool merges = true)
    {
        var chars = ByteLevelAlphabet.Chars();
        var vocab = new Dictionary<string, int>();
        for (var b = 0; b < 256; b++) vocab[chars[b].ToString()] = b;
        vocab[$"{chars[' ']}h"] = 256;
        var added = new[] { "<|im_start|>", "<|im_end|>", "<|endoftext|>" }
            .Select((t, i) => new { id = 257 + i, content = t, special = true, lstrip = false, rstrip = false, normalized = false, single_word = false });
        var json = new
        {
            version = "1.0",
            added_tokens = added,
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            post_processor = (object?)null,
            model = new { type = "BPE", vocab, merges = merges ? new[] { new[] { chars[' '].ToString(), "h" } } : [], ignore_merges = false },
        };
        return TextFixtures.ModelDirectory(
            ("tokenizer.json", JsonSerializer.Serialize(json)),
            ("tokenizer_config.json", """{"eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "model_max_length": 4096}"""));
    }

    /// <summary>An export folder of a random tiny causal LM.</summary>
    public static string Export(int seed = 7, bool positionIds = false, ExternalDataPolicy? externalData = null, string? tokenizer = null, int? vocab = null)
    {
        var shape = Shape(seed) with { Vocab = vocab ?? Vocab };
        var dir = Path.Combine(TestPaths.NewTempDirectory("rmbench-lm"), $"lm{seed}");
        TinyCausalLm.Write(dir, TinyCausalLm.Build(shape, positionIds, logitScale: 20f), TinyCausalLm.Config(shape, EndOfText, EndOfText), tokenizer ?? Tokenizer(), externalData);
        return dir;
    }

    /// <summary>A Scriban chat template file whose assistant header ends in a space: "Assistant: " merges with a response starting "h".</summary>
    public static string MergingTemplate()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("rmbench-lm-template"), "colon.sbn");
        File.WriteAllText(path, "User: {{ prompt }}\nAssistant: {{ response }}");
        return path;
    }

    public static OnnxSettings Settings(string? template = "chatml") => new() { Threads = 1, ChatTemplate = template };

    public static Task<OnnxLmRewardModel> OpenAsync(string dir, LmSettings? lm = null, string? reference = null, string? template = "chatml") =>
        OnnxLmRewardModel.OpenAsync(dir, reference, lm ?? new LmSettings(LmReward.LogProb, null, 0.1, null), Settings(template), CancellationToken.None);

    public static ScoringRequest Request(string prompt, string response) => new(null, [new Turn("user", prompt)], response);

    public static IReadOnlyList<RMBench.Core.Models.ScoringBatchEntry> Batch(params ScoringRequest[] requests) =>
        [.. requests.Select(r => new RMBench.Core.Models.ScoringBatchEntry(r, []))];
}
