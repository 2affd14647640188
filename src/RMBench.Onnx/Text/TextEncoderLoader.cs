using System.Collections.Concurrent;
using RMBench.Core.Errors;
using RMBench.Onnx.Text.Templates;
using RMBench.Onnx.Text.Tokenizers;

namespace RMBench.Onnx.Text;

/// <summary>
/// Builds the text encoder of an optimum-style model directory. Tokenizer files, first that exists wins:
/// tokenizer.json (byte-level BPE or WordPiece; SentencePiece-style ones defer to the *.model file),
/// vocab.json + merges.txt, *.model (SentencePiece), vocab.txt (BERT); tokenizer_config.json with
/// "tokenizer_class": "TiktokenTokenizer", "encoding": "cl100k_base" selects the bundled cl100k tokenizer.
/// The chat template comes from TextOptions.ChatTemplate, else tokenizer_config.json's chat_template
/// (or chat_template.jinja/.json), else encoder-pair for encoder tokenizers (raw for tiktoken).
/// </summary>
public static class TextEncoderLoader
{
    private static readonly string[] EncoderClasses = ["Bert", "Deberta", "Roberta", "Electra", "Albert", "MPNet", "XLNet"];

    public static ITextEncoder Load(string modelDirectory, TextOptions options)
    {
        if (!Directory.Exists(modelDirectory)) throw new InputException(modelDirectory, "model directory not found");
        if (options.MaxLength is < 1) throw new InputException("--max-length", $"must be at least 1, got {options.MaxLength}");
        var config = TokenizerConfig.Read(modelDirectory);
        var (tokenizer, tokenizerDigest) = Cache.GetOrAdd(CacheKey(modelDirectory), _ => new(() =>
        {
            var files = new List<string>();
            if (File.Exists(config.Path)) files.Add(config.Path);
            var pipeline = LoadTokenizer(modelDirectory, config, files);
            return (pipeline, Digest(files));
        })).Value;
        var tokens = new TemplateTokens(tokenizer.Specials.Bos, tokenizer.Specials.Eos);
        var fallback = tokenizer.Kind == "tiktoken" ? "raw" : tokenizer.IsEncoder ? "encoder-pair" : null;
        var template = ChatTemplates.Resolve(options.ChatTemplate, JinjaTemplate(modelDirectory, config), fallback, tokens, config.Path);
        var maxLength = options.MaxLength ?? config.ModelMaxLength ?? MaxPositionEmbeddings(modelDirectory);
        return new TextEncoder(tokenizer, template, maxLength, options.Truncation, tokenizerDigest);
    }

    /// <summary>Loaded tokenizers by directory and file stamps: a big tokenizer.json takes seconds to read, and several encoders (options, models) may share one.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<(TokenizerPipeline, string)>> Cache = new();

    private static string CacheKey(string dir) => string.Join("|", Directory.GetFiles(dir).Order(StringComparer.Ordinal)
        .Select(f => new FileInfo(f)).Select(f => $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));

    private static TokenizerPipeline LoadTokenizer(string dir, TokenizerConfig config, List<string> files)
    {
        var encoderClass = config.TokenizerClass is { } cls && EncoderClasses.Any(e => cls.Contains(e, StringComparison.OrdinalIgnoreCase));
        if (config.TokenizerClass == "TiktokenTokenizer")
        {
            var encoding = config.Root.String("encoding");
            if (encoding != TiktokenModel.Cl100kBase)
                throw new InputException(config.Path, $"tiktoken encoding '{encoding}' is not bundled (only {TiktokenModel.Cl100kBase})");
            return Pipeline("tiktoken", config, TiktokenModel.ForCl100kBase(), PostProcessor.None, isEncoder: false);
        }
        var json = Path.Combine(dir, "tokenizer.json");
        var spm = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.model").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (File.Exists(json))
        {
            files.Add(json);
            if (HfTokenizerJson.Read(json, config) is { } pipeline)
                return encoderClass && !pipeline.IsEncoder ? pipeline.AsEncoder() : pipeline;
            if (spm is null)
                throw new InputException(json, "SentencePiece-style tokenizer.json (Unigram, or BPE without ByteLevel) is read from its SentencePiece .model file, which this directory lacks");
            files.Remove(json);
        }
        var (vocabJson, merges) = (Path.Combine(dir, "vocab.json"), Path.Combine(dir, "merges.txt"));
        if (File.Exists(vocabJson) && File.Exists(merges))
        {
            files.AddRange([vocabJson, merges]);
            var bpe = GptVocabFiles.Read(vocabJson, merges, config.Flag("add_prefix_space") ?? false);
            return Pipeline("byte-level-bpe", config, bpe, ConfigPostProcessor(config, bpe, encoderClass, addBosDefault: false), encoderClass);
        }
        if (spm is not null)
        {
            files.Add(spm);
            SentencePieceModel sp;
            try
            {
                sp = SentencePieceModel.FromFile(spm);
            }
            catch (Exception e) when (e is not InputException)
            {
                throw new InputException(spm, $"not a SentencePiece model Microsoft.ML.Tokenizers can read: {e.Message}");
            }
            return Pipeline("sentencepiece", config, sp, ConfigPostProcessor(config, sp, encoderClass, addBosDefault: true), encoderClass, sp.UserDefined);
        }
        var vocabTxt = Path.Combine(dir, "vocab.txt");
        if (File.Exists(vocabTxt))
        {
            files.Add(vocabTxt);
            var lower = config.Flag("do_lower_case") ?? true;
            var wordPiece = WordPieceModel.FromVocabFile(vocabTxt, new WordPieceSettings(lower, config.Flag("strip_accents") ?? lower,
                config.Flag("tokenize_chinese_chars") ?? true, config.Token("unk_token") ?? "[UNK]", "##", 100));
            return Pipeline("wordpiece", config, wordPiece, ConfigPostProcessor(config, wordPiece, encoder: true, addBosDefault: false), isEncoder: true);
        }
        throw new InputException(dir, "no tokenizer files: expected tokenizer.json, vocab.json + merges.txt, a SentencePiece *.model or vocab.txt");
    }

    /// <summary>A pipeline for tokenizers without tokenizer.json: added tokens from tokenizer_config.json.</summary>
    private static TokenizerPipeline Pipeline(string kind, TokenizerConfig config, ITokenModel model, PostProcessor post, bool isEncoder,
        IEnumerable<AddedToken>? modelTokens = null)
    {
        var added = config.AddedTokensDecoder().ToList();
        added.AddRange((modelTokens ?? []).Where(m => added.All(t => t.Content != m.Content)));
        foreach (var token in config.SpecialTokenStrings())
            if (added.All(t => t.Content != token) && model.IdOf(token) is { } id) added.Add(new AddedToken(token, id, Special: true));
        var splitter = new AddedTokenSplitter(added);
        var specials = HfTokenizerJson.Specials(config, t => t is null ? null : splitter.IdOf(t) ?? model.IdOf(t));
        return new TokenizerPipeline(kind, splitter, TextNormalizer.None, model, post, specials, isEncoder);
    }

    /// <summary>HF's slow-tokenizer post-processing: [CLS] A [SEP] (B [SEP]) for encoders, RoBERTa's &lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;, else BOS/EOS per add_bos_token/add_eos_token.</summary>
    private static PostProcessor ConfigPostProcessor(TokenizerConfig config, ITokenModel model, bool encoder, bool addBosDefault)
    {
        int Id(string name, string fallback)
        {
            var token = config.Token(name) ?? fallback;
            return config.AddedTokensDecoder().FirstOrDefault(t => t.Content == token)?.Id ?? model.IdOf(token)
                ?? throw new InputException(config.Path, $"{name} '{token}' is not in the vocabulary");
        }
        if (encoder && config.TokenizerClass?.Contains("Roberta", StringComparison.OrdinalIgnoreCase) == true)
            return PostProcessor.Roberta(Id("cls_token", "<s>"), Id("sep_token", "</s>"));
        if (encoder) return PostProcessor.Bert(Id("cls_token", "[CLS]"), Id("sep_token", "[SEP]"));
        int[] before = config.Flag("add_bos_token") ?? addBosDefault ? [Id("bos_token", "<s>")] : [];
        int[] after = config.Flag("add_eos_token") ?? false ? [Id("eos_token", "</s>")] : [];
        return PostProcessor.Wrap(before, after);
    }

    /// <summary>tokenizer_config.json's chat_template, else chat_template.jinja or chat_template.json (newer transformers save it there).</summary>
    private static string? JinjaTemplate(string dir, TokenizerConfig config)
    {
        if (config.ChatTemplate is { } inline) return inline;
        var jinja = Path.Combine(dir, "chat_template.jinja");
        if (File.Exists(jinja)) return File.ReadAllText(jinja);
        using var doc = ModelFiles.ReadJsonIfExists(Path.Combine(dir, "chat_template.json"));
        return doc?.RootElement.String("chat_template");
    }

    private static int? MaxPositionEmbeddings(string dir)
    {
        var path = Path.Combine(dir, "config.json");
        using var doc = ModelFiles.ReadJsonIfExists(path);
        return doc?.RootElement.Number("max_position_embeddings") is { } n && n >= 1 ? (int)n : null;
    }

    /// <summary>sha256 over the tokenizer files read, as "name\0sha256\n" lines in read order.</summary>
    private static string Digest(IEnumerable<string> files) =>
        RMBench.Core.IO.Sha256.Hex(string.Concat(files.Select(f => $"{Path.GetFileName(f)}\0{RMBench.Core.IO.Sha256.Hex(File.ReadAllBytes(f))}\n")));
}
