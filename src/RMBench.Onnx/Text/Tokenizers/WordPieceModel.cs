using System.Text;
using Microsoft.ML.Tokenizers;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>BERT normalization and WordPiece settings (tokenizer.json BertNormalizer / tokenizer_config do_lower_case...).</summary>
internal sealed record WordPieceSettings(bool LowerCase, bool StripAccents, bool ChineseChars, string UnknownToken, string Prefix, int MaxCharsPerWord);

/// <summary>
/// WordPiece through Microsoft.ML.Tokenizers' BertTokenizer: basic tokenization (clean-up, lower case,
/// accent stripping, CJK characters split, punctuation split) then greedy longest-match-first word pieces.
/// Special tokens are handled by the pipeline, so the tokenizer never adds [CLS]/[SEP] itself.
/// </summary>
internal sealed class WordPieceModel : ITokenModel
{
    private readonly BertTokenizer _bert;
    private readonly Dictionary<string, int> _vocab;

    private readonly bool _stripAccents;

    private WordPieceModel(BertTokenizer bert, Dictionary<string, int> vocab, bool stripAccents)
    {
        _bert = bert;
        _vocab = vocab;
        _stripAccents = stripAccents;
    }

    /// <summary>From a token -> id map (tokenizer.json); ids must be 0..n-1 as in vocab.txt.</summary>
    public static WordPieceModel Create(Dictionary<string, int> vocab, WordPieceSettings settings)
    {
        var lines = new string[vocab.Count];
        foreach (var (token, id) in vocab)
        {
            if (id < 0 || id >= lines.Length || lines[id] is not null)
                throw new FormatException($"WordPiece vocabulary ids must be 0..{vocab.Count - 1} without gaps (token '{token}' has id {id})");
            lines[id] = token;
        }
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        return new WordPieceModel(BertTokenizer.Create(stream, Options(settings, vocab)), vocab, settings.StripAccents);
    }

    /// <summary>From a BERT vocab.txt (one token per line, the line number is the id).</summary>
    public static WordPieceModel FromVocabFile(string path, WordPieceSettings settings)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in File.ReadLines(path)) vocab.TryAdd(line.TrimEnd('\r'), id++);
        return Create(vocab, settings);
    }

    private static BertOptions Options(WordPieceSettings s, Dictionary<string, int> vocab)
    {
        string Known(string token, string fallback) => vocab.ContainsKey(token) ? token : fallback;
        var unknown = s.UnknownToken;
        return new BertOptions
        {
            LowerCaseBeforeTokenization = s.LowerCase,
            RemoveNonSpacingMarks = s.StripAccents,
            IndividuallyTokenizeCjk = s.ChineseChars,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = false,
            UnknownToken = unknown,
            ContinuingSubwordPrefix = s.Prefix,
            MaxInputCharsPerWord = s.MaxCharsPerWord,
            // BertTokenizer insists on these existing; the pipeline never asks it to add them.
            ClassificationToken = Known("[CLS]", unknown),
            SeparatorToken = Known("[SEP]", unknown),
            PaddingToken = Known("[PAD]", unknown),
            MaskingToken = Known("[MASK]", unknown),
        };
    }

    public int? IdOf(string token) => _vocab.TryGetValue(token, out var id) ? id : null;

    public void Encode(ReadOnlyMemory<char> segment, List<int> ids)
    {
        // BertTokenizer strips accents by dropping non-spacing marks after NFD, but NFD is a no-op under
        // InvariantGlobalization: decompose here so that "é" becomes "e" + U+0301 first.
        if (_stripAccents && UnicodeNfc.MayChange(segment.Span, compose: false)) segment = UnicodeNfc.Normalize(segment.ToString(), compose: false).AsMemory();
        ids.AddRange(_bert.EncodeToIds(segment.Span, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true));
    }
}
