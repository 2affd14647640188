namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>The model's special tokens as strings and ids (null where the tokenizer has none).</summary>
internal sealed record SpecialTokens(string? Bos, int? BosId, string? Eos, int? EosId, string? Pad, int? PadId);

/// <summary>
/// A loaded tokenizer: added tokens are matched first (so "&lt;|im_start|&gt;" in rendered text is its single
/// id), each plain segment is normalized and encoded by the model; the post-processor adds BOS/[CLS]/[SEP].
/// </summary>
internal sealed class TokenizerPipeline(
    string kind, AddedTokenSplitter addedTokens, TextNormalizer normalizer, ITokenModel model,
    PostProcessor postProcessor, SpecialTokens specials, bool isEncoder)
{
    [ThreadStatic] private static List<TextSegment>? _segments;

    /// <summary>"byte-level-bpe", "wordpiece", "sentencepiece" or "tiktoken".</summary>
    public string Kind { get; } = kind;
    public PostProcessor PostProcessor { get; } = postProcessor;
    public SpecialTokens Specials { get; } = specials;
    /// <summary>BERT/DeBERTa-style: scores a (prompt, response) pair rather than a chat transcript.</summary>
    public bool IsEncoder { get; } = isEncoder;
    public IReadOnlyList<AddedToken> AddedTokens => addedTokens.Tokens;

    /// <summary>The same tokenizer, marked as an encoder (tokenizer_class says BERT/DeBERTa/RoBERTa...).</summary>
    public TokenizerPipeline AsEncoder() => new(Kind, addedTokens, normalizer, model, PostProcessor, Specials, isEncoder: true);

    public int? IdOf(string token) => addedTokens.IdOf(token) ?? model.IdOf(token);

    /// <summary>Appends the ids of <paramref name="text"/> without post-processing.</summary>
    public void Encode(string text, List<int> ids)
    {
        var segments = _segments ??= [];
        segments.Clear();
        addedTokens.Split(text, segments);
        foreach (var segment in segments)
        {
            if (segment.Id >= 0) ids.Add(segment.Id);
            else model.Encode(normalizer.Apply(text.AsMemory(segment.Start, segment.Length)), ids);
        }
    }

    public int[] Encode(string text)
    {
        var ids = new List<int>();
        Encode(text, ids);
        return [.. ids];
    }
}
