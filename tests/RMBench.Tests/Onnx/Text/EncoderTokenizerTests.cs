using RMBench.Core.Requests;
using RMBench.Onnx.Text;

namespace RMBench.Tests.Onnx.Text;

/// <summary>WordPiece (vocab.txt and tokenizer.json), SentencePiece and cl100k paths on files the tests write, with hand-checked ids.</summary>
public sealed class EncoderTokenizerTests
{
    // "Hello, worlds!" -> lower case -> hello , world ##s ! = 5 8 6 7 9; "Unaffable" -> un ##aff ##able = 10 11 12.
    private static readonly ScoringRequest Pair = TextFixtures.Request("Hello, worlds!", "Unaffable");

    [Fact]
    public void Bert_vocab_txt_scores_cls_prompt_sep_response_sep_with_token_types()
    {
        var encoder = TextEncoderLoader.Load(TinyTokenizers.BertVocabTxt(), new TextOptions());
        Assert.Equal("encoder-pair", encoder.TemplateName);
        var encoded = encoder.Encode(Pair);
        Assert.Equal([2, 5, 8, 6, 7, 9, 3, 10, 11, 12, 3], encoded.Ids);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], encoded.TypeIds!);
        Assert.Equal(512, encoder.MaxLength);
        Assert.Equal(0, encoder.PadTokenId);
    }

    [Fact]
    public void Bert_tokenizer_json_gives_the_same_ids_and_strips_accents_when_lower_casing()
    {
        var encoder = TextEncoderLoader.Load(TinyTokenizers.BertTokenizerJson(), new TextOptions());
        Assert.Equal("encoder-pair", encoder.TemplateName);
        Assert.Equal([2, 5, 8, 6, 7, 9, 3, 10, 11, 12, 3], encoder.Encode(Pair).Ids);
        // "Héllo 你好 the" -> hello 你 好 the (accent stripped, CJK split): 5 14 15 13; "zzz" is unknown: 1.
        Assert.Equal([2, 5, 14, 15, 13, 3, 1, 3], encoder.Encode(TextFixtures.Request("Héllo 你好 the", "zzz")).Ids);
        Assert.Equal([2, 5, 3, 6, 3], encoder.Encode(TextFixtures.Request("HÉLLO", "Wörld")).Ids);
    }

    [Fact]
    public void Encoder_left_truncation_cuts_the_prompt_start_and_keeps_cls_and_seps()
    {
        var encoder = TextEncoderLoader.Load(TinyTokenizers.BertVocabTxt(), new TextOptions(MaxLength: 8));
        var encoded = encoder.Encode(Pair);
        // 11 ids -> 8: drop the first 3 prompt ids (hello , world).
        Assert.Equal([2, 7, 9, 3, 10, 11, 12, 3], encoded.Ids);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], encoded.TypeIds!);
        Assert.True(encoded.Truncated);
        var right = TextEncoderLoader.Load(TinyTokenizers.BertVocabTxt(), new TextOptions(MaxLength: 8, Truncation: TruncationSide.Right)).Encode(Pair);
        // Right cuts the response end first: 3 response ids removed, the final [SEP] stays.
        Assert.Equal([2, 5, 8, 6, 7, 9, 3, 3], right.Ids);
    }

    [Fact]
    public void SentencePiece_model_applies_merges_by_score_bos_and_special_tokens()
    {
        var dir = TinyTokenizers.SentencePiece("""{"tokenizer_class": "GemmaTokenizer", "bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true, "chat_template": "{{ '<start_of_turn>' }}"}""");
        var encoder = TextEncoderLoader.Load(dir, new TextOptions(ChatTemplate: "raw"));
        // BOS 1, then "hello" = ▁he llo = 12 10.
        Assert.Equal([1, 12, 10], encoder.Encode(new ScoringRequest(null, [], "hello")).Ids);
        // The user-defined piece <start_of_turn> is one id (3); the segment after it gets its own dummy prefix.
        Assert.Equal([1, 3, 12, 10], encoder.Encode(new ScoringRequest(null, [], "<start_of_turn>hello")).Ids);
        Assert.Equal("gemma", TextEncoderLoader.Load(dir, new TextOptions()).TemplateName);
    }

    [Fact]
    public void DeBERTa_style_SentencePiece_model_is_an_encoder_pair()
    {
        var dir = TinyTokenizers.SentencePiece("""{"tokenizer_class": "DebertaV2Tokenizer", "cls_token": "<s>", "sep_token": "</s>"}""");
        var encoder = TextEncoderLoader.Load(dir, new TextOptions());
        Assert.Equal("encoder-pair", encoder.TemplateName);
        var encoded = encoder.Encode(TextFixtures.Request("hello", "hello"));
        Assert.Equal([1, 12, 10, 2, 12, 10, 2], encoded.Ids);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1], encoded.TypeIds!);
    }

    [Fact]
    public void Tiktoken_cl100k_directory_uses_the_bundled_tokenizer_and_the_raw_template()
    {
        var dir = TextFixtures.ModelDirectory(("tokenizer_config.json", """{"tokenizer_class": "TiktokenTokenizer", "encoding": "cl100k_base"}"""));
        var encoder = TextEncoderLoader.Load(dir, new TextOptions());
        Assert.Equal("raw", encoder.TemplateName);
        // cl100k_base ids as published for "hello world": "hello" = 15339, " world" = 1917.
        Assert.Equal([15339, 1917], ((TextEncoder)encoder).Tokenizer.Encode("hello world"));
        // raw renders prompt and response joined by a blank line.
        Assert.Equal(((TextEncoder)encoder).Tokenizer.Encode("hello\n\nworld"), encoder.Encode(TextFixtures.Request("hello", "world")).Ids);
    }
}
