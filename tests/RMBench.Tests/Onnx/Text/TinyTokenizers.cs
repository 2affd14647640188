using System.Text;
using System.Text.Json;
using RMBench.Onnx.Text.Tokenizers;

namespace RMBench.Tests.Onnx.Text;

/// <summary>Small tokenizer files written by the tests, with ids that can be checked by hand.</summary>
public static class TinyTokenizers
{
    /// <summary>
    /// A byte-level BPE tokenizer.json whose id of byte b is b (so "hi" is [104, 105]), one merge
    /// "h"+"i" -> "hi" = 256, and a Llama 3-style BOS "&lt;|begin_of_text|&gt;" = 300 added by TemplateProcessing.
    /// </summary>
    public static string ByteLevelWithBos()
    {
        var chars = ByteLevelAlphabet.Chars();
        var vocab = new Dictionary<string, int>();
        for (var b = 0; b < 256; b++) vocab[chars[b].ToString()] = b;
        vocab["hi"] = 256;
        var json = new
        {
            version = "1.0",
            added_tokens = new[] { new { id = 300, content = "<|begin_of_text|>", special = true, lstrip = false, rstrip = false, normalized = false, single_word = false },
                                   new { id = 301, content = "<|eot_id|>", special = true, lstrip = false, rstrip = false, normalized = false, single_word = false } },
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            post_processor = new
            {
                type = "TemplateProcessing",
                single = new object[] { new { SpecialToken = new { id = "<|begin_of_text|>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } } },
                pair = new object[] { new { SpecialToken = new { id = "<|begin_of_text|>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } }, new { Sequence = new { id = "B", type_id = 1 } } },
                special_tokens = new Dictionary<string, object> { ["<|begin_of_text|>"] = new { id = "<|begin_of_text|>", ids = new[] { 300 }, tokens = new[] { "<|begin_of_text|>" } } },
            },
            model = new { type = "BPE", vocab, merges = new[] { new[] { "h", "i" } }, ignore_merges = false },
        };
        return TextFixtures.ModelDirectory(
            ("tokenizer.json", JsonSerializer.Serialize(json)),
            ("tokenizer_config.json", """{"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "chat_template": "{{ '<|start_header_id|>' }}", "model_max_length": 1000000000000000019884624838656}"""),
            ("config.json", """{"max_position_embeddings": 64}"""));
    }

    /// <summary>BERT vocabulary: [PAD]0 [UNK]1 [CLS]2 [SEP]3 [MASK]4 hello5 world6 ##s7 ,8 !9 un10 ##aff11 ##able12 the13 你14 好15.</summary>
    public static readonly string[] BertVocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "##s", ",", "!", "un", "##aff", "##able", "the", "你", "好"];

    public static string BertVocabTxt() => TextFixtures.ModelDirectory(
        ("vocab.txt", string.Join("\n", BertVocab) + "\n"),
        ("tokenizer_config.json", """{"tokenizer_class": "BertTokenizer", "do_lower_case": true, "model_max_length": 512}"""));

    public static string BertTokenizerJson()
    {
        var json = new
        {
            version = "1.0",
            added_tokens = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Select((t, i) => new { id = i, content = t, special = true, lstrip = false, rstrip = false, normalized = false, single_word = false }),
            normalizer = new { type = "BertNormalizer", clean_text = true, handle_chinese_chars = true, strip_accents = (bool?)null, lowercase = true },
            pre_tokenizer = new { type = "BertPreTokenizer" },
            post_processor = new { type = "BertProcessing", sep = new object[] { "[SEP]", 3 }, cls = new object[] { "[CLS]", 2 } },
            model = new { type = "WordPiece", unk_token = "[UNK]", continuing_subword_prefix = "##", max_input_chars_per_word = 100, vocab = BertVocab.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i) },
        };
        return TextFixtures.ModelDirectory(("tokenizer.json", JsonSerializer.Serialize(json)), ("tokenizer_config.json", """{"tokenizer_class": "BertTokenizer"}"""));
    }

    /// <summary>
    /// A SentencePiece BPE model (protobuf written here): &lt;unk&gt;0 &lt;s&gt;1 &lt;/s&gt;2 &lt;start_of_turn&gt;3 (user defined), then
    /// ▁4 h5 e6 l7 o8 ll9 llo10 ▁h11 ▁he12 with scores making "hello" -> ▁ h e l l o -> ll -> llo -> ▁h -> ▁he: [12, 10].
    /// </summary>
    public static string SentencePiece(string tokenizerConfig)
    {
        (string Piece, float Score, int Type)[] pieces =
        [
            ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3), ("<start_of_turn>", 0, 4),
            ("▁", -10, 1), ("h", -10, 1), ("e", -10, 1), ("l", -10, 1), ("o", -10, 1),
            ("ll", -1, 1), ("llo", -1.5f, 1), ("▁h", -3, 1), ("▁he", -2, 1),
        ];
        var model = new ProtoWriter();
        foreach (var (piece, score, type) in pieces)
            model.Message(1, m => m.String(1, piece).Float(2, score).Varint(3, type));
        model.Message(2, t => t.Varint(3, 2).Varint(40, 0).Varint(41, 1).Varint(42, 2));  // model_type BPE; unk/bos/eos ids
        model.Message(3, n => n.String(1, "identity").Varint(3, 1).Varint(4, 0).Varint(5, 1)); // dummy prefix, keep spaces, escape them
        var dir = TextFixtures.ModelDirectory(("tokenizer_config.json", tokenizerConfig));
        File.WriteAllBytes(Path.Combine(dir, "tokenizer.model"), model.ToArray());
        return dir;
    }

    /// <summary>Just enough protobuf to write a SentencePiece ModelProto.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _out = new();

        public ProtoWriter Varint(int field, long value) { Key(field, 0); Raw((ulong)value); return this; }
        public ProtoWriter Float(int field, float value) { Key(field, 5); _out.Write(BitConverter.GetBytes(value)); return this; }
        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));
        public ProtoWriter Message(int field, Action<ProtoWriter> build)
        {
            var inner = new ProtoWriter();
            build(inner);
            return Bytes(field, inner.ToArray());
        }
        public byte[] ToArray() => _out.ToArray();

        private ProtoWriter Bytes(int field, byte[] bytes) { Key(field, 2); Raw((ulong)bytes.Length); _out.Write(bytes); return this; }
        private void Key(int field, int wire) => Raw((ulong)(field << 3 | wire));
        private void Raw(ulong v)
        {
            for (; v >= 0x80; v >>= 7) _out.WriteByte((byte)(v | 0x80));
            _out.WriteByte((byte)v);
        }
    }
}
