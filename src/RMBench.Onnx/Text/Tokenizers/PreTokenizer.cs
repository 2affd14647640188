namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>One step of an HF pre-tokenizer: splits each piece of text into smaller pieces.</summary>
internal interface IPreTokenizerStep
{
    void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output);
}

/// <summary>HF "Split" with a regex and behavior Isolated (matches and the text between them are pieces) or Removed.</summary>
internal sealed class RegexSplitStep(PreTokenizerRegex regex, bool removeMatches) : IPreTokenizerStep
{
    [ThreadStatic] private static List<(int Start, int Length)>? _matches;

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
    {
        var matches = _matches ??= [];
        matches.Clear();
        regex.Matches(piece.Span, matches);
        var position = 0;
        foreach (var (start, length) in matches)
        {
            if (start > position) output.Add(piece[position..start]);
            if (!removeMatches) output.Add(piece.Slice(start, length));
            position = start + length;
        }
        if (position < piece.Length) output.Add(piece[position..]);
    }
}

/// <summary>HF "ByteLevel" pre-tokenizer: optional prefix space and GPT-2 regex split (the byte mapping itself is done by the model).</summary>
internal sealed class ByteLevelStep(bool addPrefixSpace, bool useRegex) : IPreTokenizerStep
{
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private static readonly Lazy<RegexSplitStep> Gpt2 = new(() => new(new PreTokenizerRegex(Gpt2Pattern), removeMatches: false));

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
    {
        if (addPrefixSpace && !piece.Span.StartsWith(' ')) piece = (" " + piece.ToString()).AsMemory();
        if (useRegex) Gpt2.Value.Split(piece, output);
        else output.Add(piece);
    }
}

/// <summary>A sequence of steps, each applied to every piece of the previous one.</summary>
internal sealed class PreTokenizer(IReadOnlyList<IPreTokenizerStep> steps)
{
    [ThreadStatic] private static List<ReadOnlyMemory<char>>? _scratch;

    public bool IsIdentity => steps.Count == 0;

    /// <summary>Replaces the content of <paramref name="pieces"/> (one piece on entry) with the split pieces.</summary>
    public void Split(List<ReadOnlyMemory<char>> pieces)
    {
        foreach (var step in steps)
        {
            var next = _scratch ??= [];
            next.Clear();
            foreach (var piece in pieces) step.Split(piece, next);
            pieces.Clear();
            pieces.AddRange(next);
        }
    }
}
