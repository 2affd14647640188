using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Cli;
using RMBench.Tests.Onnx;

namespace RMBench.Tests.LanguageModel;

/// <summary>`rmbench run --model onnx-lm:DIR` through the real CLI: a run with its counters, and bad input as exit 3 with one message.</summary>
public class OnnxLmCliTests
{
    private static async Task<(CliResult Result, string Out)> RunAsync(string model, params string[] extra)
    {
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "pairs.parquet");
        // One chosen answer starts with "h": under the "Assistant: " template its first token merges with the header's space.
        var rows = Datasets.Pairs(4).ToList();
        rows[0] = rows[0] with { Chosen = ["hello, here is the answer."] };
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", rows);
        var output = Path.Combine(dir, "out");
        return (await Cli.Cli.RunAsync(["run", "--suite", data, "--model", model, "--out", output, "--bootstrap", "10", "--threads", "1", .. extra]), output);
    }

    private static void AssertOneInputError(CliResult result, string fragment)
    {
        Assert.True(result.ExitCode == 3, result.All);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Contains(fragment, result.Err);
    }

    [Fact]
    public async Task A_run_scores_with_the_lm_and_reports_the_prefix_check_count()
    {
        var (result, output) = await RunAsync($"onnx-lm:{LmFixtures.Export()}", "--chat-template", LmFixtures.MergingTemplate(), "--lm-reward", "logprob-mean");
        Assert.True(result.ExitCode == 0, result.All);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(output, "runs"), "run.json", SearchOption.AllDirectories).Single()));
        Assert.Equal("logprob-mean", doc.RootElement.GetProperty("model").GetProperty("settings").GetProperty("lm_reward").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("model_counters").GetProperty("prompt_prefix_mismatches").GetInt64());
        Assert.Contains("model reports prompt_prefix_mismatches: 1", result.Out);
    }

    [Fact]
    public async Task Dpo_without_a_reference_is_exit_3()
    {
        var (result, _) = await RunAsync($"onnx-lm:{LmFixtures.Export()}", "--chat-template", "chatml", "--lm-reward", "dpo");
        AssertOneInputError(result, "--lm-reward dpo needs --reference onnx-lm:DIR");
    }

    [Fact]
    public async Task A_reference_with_another_vocabulary_is_exit_3()
    {
        var policy = LmFixtures.Export();
        var (result, _) = await RunAsync($"onnx-lm:{policy}", "--chat-template", "chatml", "--lm-reward", "dpo", "--reference", $"onnx-lm:{LmFixtures.Export(seed: 9, vocab: 300)}");
        AssertOneInputError(result, "has a vocabulary of 300 tokens but the policy has 260");
        (result, _) = await RunAsync($"onnx-lm:{policy}", "--chat-template", "chatml", "--lm-reward", "dpo", "--reference", $"onnx-lm:{LmFixtures.Export(seed: 9, tokenizer: LmFixtures.Tokenizer(merges: false))}");
        AssertOneInputError(result, "other tokenizer files than the policy");
    }

    [Fact]
    public async Task A_folder_without_batch_seq_vocab_logits_is_exit_3()
    {
        var classifier = OnnxTestModels.Export(TransformerDecoderRm.Build(new TransformerShape(Vocab: LmFixtures.Vocab)));
        foreach (var file in Directory.GetFiles(LmFixtures.Tokenizer())) File.Copy(file, Path.Combine(classifier, Path.GetFileName(file)), true);
        var (result, _) = await RunAsync($"onnx-lm:{classifier}", "--chat-template", "chatml");
        AssertOneInputError(result, "a causal LM's logits are [batch, seq, vocab]");
    }
}
