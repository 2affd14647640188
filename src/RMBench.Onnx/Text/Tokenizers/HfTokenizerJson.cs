using System.Text.Json;
using RMBench.Core.Errors;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// Reads an HF tokenizers "tokenizer.json": byte-level BPE (GPT-2, RoBERTa, Qwen, Llama 3) and WordPiece
/// (BERT), with added tokens, normalizer, pre-tokenizer and post-processor. SentencePiece-style files
/// (Unigram, or BPE with Metaspace/byte fallback) return null so that the loader uses the *.model file.
/// </summary>
internal static class HfTokenizerJson
{
    public static TokenizerPipeline? Read(string path, TokenizerConfig config)
    {
        using var doc = ModelFiles.ReadJsonIfExists(path)!;
        var root = doc.RootElement;
        try
        {
            return Build(root, path, config);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InputException(path, e.Message);
        }
    }

    private static TokenizerPipeline? Build(JsonElement root, string path, TokenizerConfig config)
    {
        var model = root.Element("model") ?? throw new FormatException("no \"model\"");
        var type = model.String("type") ?? (model.Element("merges") is not null ? "BPE" : null);
        var added = ReadAddedTokens(root);
        var splitter = new AddedTokenSplitter(added);
        switch (type)
        {
            case "BPE" when ContainsType(root.Element("pre_tokenizer"), "ByteLevel"):
            {
                var vocab = ReadVocab(model);
                var merges = ReadMerges(model);
                var bpe = new ByteLevelBpeModel(vocab, merges, ReadPreTokenizer(root.Element("pre_tokenizer")),
                    model.Bool("ignore_merges") ?? false, path);
                var post = ReadPostProcessor(root.Element("post_processor"));
                var pipelineIds = new Func<string?, int?>(t => t is null ? null : splitter.IdOf(t) ?? bpe.IdOf(t));
                return new TokenizerPipeline("byte-level-bpe", splitter, ReadNormalizer(root.Element("normalizer")), bpe,
                    post, Specials(config, pipelineIds), IsEncoderPost(root.Element("post_processor")));
            }
            case "WordPiece":
            {
                var vocab = ReadVocab(model);
                var normalizer = root.Element("normalizer");
                var lowercase = normalizer?.Bool("lowercase") ?? false;
                var wordPiece = WordPieceModel.Create(vocab, new WordPieceSettings(
                    LowerCase: lowercase,
                    StripAccents: normalizer?.Bool("strip_accents") ?? lowercase,
                    ChineseChars: normalizer?.Bool("handle_chinese_chars") ?? true,
                    UnknownToken: model.String("unk_token") ?? "[UNK]",
                    Prefix: model.String("continuing_subword_prefix") ?? "##",
                    MaxCharsPerWord: (int)(model.Number("max_input_chars_per_word") ?? 100)));
                var ids = new Func<string?, int?>(t => t is null ? null : splitter.IdOf(t) ?? wordPiece.IdOf(t));
                var post = ReadPostProcessor(root.Element("post_processor"));
                return new TokenizerPipeline("wordpiece", splitter, TextNormalizer.None, wordPiece, post,
                    Specials(config, ids), isEncoder: true);
            }
            case "BPE" or "Unigram":
                return null;
            default:
                throw new NotSupportedException($"tokenizer model type '{type}' is not supported (BPE, WordPiece; SentencePiece via a .model file)");
        }
    }

    internal static SpecialTokens Specials(TokenizerConfig config, Func<string?, int?> idOf)
    {
        var bos = config.Token("bos_token");
        var eos = config.Token("eos_token");
        // BERT-family configs may leave pad_token implicit: HF's default is "[PAD]".
        var pad = config.Token("pad_token") ?? (idOf("[PAD]") is not null ? "[PAD]" : null);
        return new SpecialTokens(bos, idOf(bos), eos, idOf(eos), pad, idOf(pad));
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root)
    {
        var list = new List<AddedToken>();
        if (root.Element("added_tokens") is { ValueKind: JsonValueKind.Array } tokens)
            foreach (var t in tokens.EnumerateArray())
                list.Add(new AddedToken(t.String("content") ?? throw new FormatException("added token without content"),
                    t.GetProperty("id").GetInt32(), t.Bool("special") ?? false, t.Bool("lstrip") ?? false, t.Bool("rstrip") ?? false));
        return list;
    }

    private static Dictionary<string, int> ReadVocab(JsonElement model)
    {
        if (model.Element("vocab") is not { ValueKind: JsonValueKind.Object } v) throw new FormatException("model has no \"vocab\" object");
        var vocab = new Dictionary<string, int>(v.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var entry in v.EnumerateObject()) vocab[entry.Name] = entry.Value.GetInt32();
        return vocab;
    }

    private static IEnumerable<(string, string)> ReadMerges(JsonElement model)
    {
        if (model.Element("merges") is not { ValueKind: JsonValueKind.Array } merges) throw new FormatException("BPE model has no \"merges\"");
        foreach (var m in merges.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Array) yield return (m[0].GetString()!, m[1].GetString()!);
            else
            {
                var s = m.GetString()!;
                var space = s.IndexOf(' ', 1);
                if (space < 0) throw new FormatException($"merge '{s}' is not two symbols");
                yield return (s[..space], s[(space + 1)..]);
            }
        }
    }

    private static bool ContainsType(JsonElement? e, string type)
    {
        if (e is not { } element) return false;
        if (element.String("type") == type) return true;
        foreach (var list in new[] { "pretokenizers", "processors", "normalizers" })
            if (element.Element(list) is { ValueKind: JsonValueKind.Array } items && items.EnumerateArray().Any(i => ContainsType(i, type)))
                return true;
        return false;
    }

    private static TextNormalizer ReadNormalizer(JsonElement? e)
    {
        var steps = new List<TextNormalizer.Step>();
        void Add(JsonElement n)
        {
            switch (n.String("type"))
            {
                case "Sequence": foreach (var i in n.GetProperty("normalizers").EnumerateArray()) Add(i); break;
                case "NFC": steps.Add(TextNormalizer.Step.Nfc); break;
                case "NFD": steps.Add(TextNormalizer.Step.Nfd); break;
                case "Lowercase": steps.Add(TextNormalizer.Step.Lowercase); break;
                case var other: throw new NotSupportedException($"normalizer '{other}' is not supported for byte-level BPE");
            }
        }
        if (e is { } element) Add(element);
        return steps.Count == 0 ? TextNormalizer.None : new TextNormalizer(steps);
    }

    private static PreTokenizer ReadPreTokenizer(JsonElement? e)
    {
        var steps = new List<IPreTokenizerStep>();
        void Add(JsonElement p)
        {
            switch (p.String("type"))
            {
                case "Sequence": foreach (var i in p.GetProperty("pretokenizers").EnumerateArray()) Add(i); break;
                case "ByteLevel":
                    var prefix = p.Bool("add_prefix_space") ?? true;
                    var regex = p.Bool("use_regex") ?? true;
                    if (prefix || regex) steps.Add(new ByteLevelStep(prefix, regex));
                    break;
                case "Split":
                    if (p.Bool("invert") == true) throw new NotSupportedException("Split pre-tokenizer with invert is not supported");
                    var pattern = p.GetProperty("pattern");
                    var source = pattern.String("Regex") ?? System.Text.RegularExpressions.Regex.Escape(pattern.String("String") ?? throw new FormatException("Split without a pattern"));
                    var behavior = p.String("behavior") ?? "Isolated";
                    if (behavior is not ("Isolated" or "Removed")) throw new NotSupportedException($"Split behavior '{behavior}' is not supported (Isolated, Removed)");
                    steps.Add(new RegexSplitStep(new PreTokenizerRegex(source), behavior == "Removed"));
                    break;
                case "Digits" when p.Bool("individual_digits") == true:
                    steps.Add(new RegexSplitStep(new PreTokenizerRegex(@"\p{Nd}"), false));
                    break;
                case var other: throw new NotSupportedException($"pre-tokenizer '{other}' is not supported for byte-level BPE");
            }
        }
        if (e is { } element) Add(element);
        return new PreTokenizer(steps);
    }

    private static bool IsEncoderPost(JsonElement? e) =>
        ContainsType(e, "BertProcessing") || ContainsType(e, "RobertaProcessing");

    internal static PostProcessor ReadPostProcessor(JsonElement? e)
    {
        if (e is not { } p) return PostProcessor.None;
        switch (p.String("type"))
        {
            case "ByteLevel": return PostProcessor.None;
            case "Sequence":
                var chosen = PostProcessor.None;
                foreach (var i in p.GetProperty("processors").EnumerateArray())
                    if (i.String("type") != "ByteLevel") chosen = ReadPostProcessor(i);
                return chosen;
            case "BertProcessing":
                return PostProcessor.Bert(p.GetProperty("cls")[1].GetInt32(), p.GetProperty("sep")[1].GetInt32());
            case "RobertaProcessing":
                return PostProcessor.Roberta(p.GetProperty("cls")[1].GetInt32(), p.GetProperty("sep")[1].GetInt32());
            case "TemplateProcessing":
                var specials = p.GetProperty("special_tokens");
                List<PostProcessor.Part> Parts(string name) => [.. p.GetProperty(name).EnumerateArray().Select(item =>
                    item.Element("SpecialToken") is { } st
                        ? new PostProcessor.Part([.. specials.GetProperty(st.String("id")!).GetProperty("ids").EnumerateArray().Select(i => i.GetInt32())], null, st.GetProperty("type_id").GetInt32())
                        : new PostProcessor.Part([], item.GetProperty("Sequence").String("id"), item.GetProperty("Sequence").GetProperty("type_id").GetInt32()))];
                return new PostProcessor(Parts("single"), Parts("pair"));
            case var other: throw new NotSupportedException($"post-processor '{other}' is not supported");
        }
    }
}
