using RMBench.Core.Errors;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;

namespace RMBench.Tests.Onnx.Text;

/// <summary>Encoding whole requests: templates + special tokens, BOS handling, truncation, limits, loader errors.</summary>
public sealed class TextEncoderTests
{
    [Fact]
    public void Qwen3_request_ids_are_the_ids_of_the_rendered_template()
    {
        var request = TextFixtures.Request("Hi", "Hello!", "Be brief.");
        var expected = TextFixtures.Qwen3Ids("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\nHello!<|im_end|>\n");
        var encoded = TextFixtures.Qwen3.Encode(request);
        Assert.Equal(expected, encoded.Ids);
        Assert.Null(encoded.TypeIds);
        Assert.False(encoded.Truncated);
        Assert.Equal(151644, encoded.Ids[0]);
        Assert.Equal(151643, TextFixtures.Qwen3.PadTokenId);   // tokenizer_config pad_token <|endoftext|>
        Assert.Equal(131072, TextFixtures.Qwen3.MaxLength);      // tokenizer_config model_max_length
    }

    [Theory]
    [InlineData(TruncationSide.Left)]
    [InlineData(TruncationSide.Right)]
    public void Truncation_keeps_the_declared_end_and_says_so(TruncationSide side)
    {
        var request = TextFixtures.Request(string.Join(" ", Enumerable.Range(0, 50).Select(i => $"word{i}")), "The answer.");
        var full = TextFixtures.Qwen3.Encode(request).Ids;
        var cut = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions(MaxLength: 20, Truncation: side)).Encode(request);
        Assert.True(cut.Truncated);
        Assert.Equal(side == TruncationSide.Left ? full[^20..] : full[..20], cut.Ids);
        var fits = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions(MaxLength: full.Length)).Encode(request);
        Assert.False(fits.Truncated);
        Assert.Equal(full, fits.Ids);
    }

    [Fact]
    public void A_template_bos_and_a_tokenizer_bos_give_one_bos_that_left_truncation_keeps()
    {
        var dir = TinyTokenizers.ByteLevelWithBos();
        var encoder = TextEncoderLoader.Load(dir, new TextOptions());
        Assert.Equal("llama3", encoder.TemplateName);
        // model_max_length is HF's 1e30 "no limit" sentinel, so config.json's max_position_embeddings applies.
        Assert.Equal(64, encoder.MaxLength);
        var ids = encoder.Encode(new ScoringRequest(null, [new Turn("user", "hi")], "ok")).Ids;
        // <|begin_of_text|>=300 once; "<|start_header_id|>" is not an added token here, so it is bytes.
        Assert.Equal(300, ids[0]);
        Assert.Equal(1, ids.Count(i => i == 300));
        var left = TextEncoderLoader.Load(dir, new TextOptions(MaxLength: 5)).Encode(new ScoringRequest(null, [new Turn("user", "hi")], "ok"));
        // The render ends "\n\nok<|eot_id|>": budget 5 - BOS = 4 ids: "\n" 10, "ok" 111 107, <|eot_id|> 301.
        Assert.Equal([300, .. ids[^4..]], left.Ids);
        Assert.Equal([300, 10, 111, 107, 301], left.Ids);
        Assert.True(left.Truncated);
    }

    [Fact]
    public void Byte_level_merges_apply()
    {
        // Raw template: "hi\n\nhih". GPT-2 split: "hi", "\n" (\s+(?!\S)), "\n", "hih"; merge h+i -> 256.
        var encoder = TextEncoderLoader.Load(TinyTokenizers.ByteLevelWithBos(), new TextOptions(ChatTemplate: "raw"));
        Assert.Equal([300, 256, 10, 10, 256, 104], encoder.Encode(new ScoringRequest(null, [new Turn("user", "hi")], "hih")).Ids);
    }

    [Fact]
    public void A_missing_directory_or_missing_tokenizer_files_are_input_errors_naming_the_path()
    {
        var missing = Path.Combine(TestPaths.NewTempDirectory(), "nope");
        Assert.Contains(missing, Assert.Throws<InputException>(() => TextEncoderLoader.Load(missing, new TextOptions())).Message);
        var empty = TestPaths.NewTempDirectory();
        var e = Assert.Throws<InputException>(() => TextEncoderLoader.Load(empty, new TextOptions()));
        Assert.Contains("no tokenizer files", e.Message);
    }

    [Fact]
    public void Malformed_tokenizer_files_are_input_errors_naming_the_file()
    {
        var dir = TextFixtures.ModelDirectory(("tokenizer.json", "{ not json"));
        var e = Assert.Throws<InputException>(() => TextEncoderLoader.Load(dir, new TextOptions()));
        Assert.Contains(Path.Combine(dir, "tokenizer.json"), e.Message);
        var badConfig = TextFixtures.ModelDirectory(("tokenizer_config.json", "[1, 2"), ("vocab.txt", "[CLS]\n"));
        Assert.Contains("tokenizer_config.json", Assert.Throws<InputException>(() => TextEncoderLoader.Load(badConfig, new TextOptions())).Message);
        var noModel = TextFixtures.ModelDirectory(("tokenizer.json", """{"model": {"type": "WordLevel", "vocab": {}}}"""));
        Assert.Contains("WordLevel", Assert.Throws<InputException>(() => TextEncoderLoader.Load(noModel, new TextOptions())).Message);
    }

    [Fact]
    public void A_max_length_below_one_is_an_input_error() =>
        Assert.Throws<InputException>(() => TextEncoderLoader.Load(TinyTokenizers.BertVocabTxt(), new TextOptions(MaxLength: 0)));
}
