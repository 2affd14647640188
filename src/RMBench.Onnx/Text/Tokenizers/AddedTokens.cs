using System.Buffers;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>An added token (HF added_tokens): matched in the raw text before the model sees it.</summary>
internal sealed record AddedToken(string Content, int Id, bool Special, bool LStrip = false, bool RStrip = false);

/// <summary>A range of the text: either an added token (Id >= 0) or plain text for the model (Id = -1).</summary>
internal readonly record struct TextSegment(int Start, int Length, int Id);

/// <summary>
/// Splits text around added tokens as HF tokenizers and transformers.js do: at each position the longest
/// added token wins; lstrip/rstrip tokens swallow the whitespace beside them.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;
    private readonly SearchValues<char> _firstChars;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        var list = tokens.Where(t => t.Content.Length > 0).DistinctBy(t => t.Content).ToList();
        Tokens = list;
        _byFirstChar = list.GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    public IReadOnlyList<AddedToken> Tokens { get; }

    public int? IdOf(string content) => _byFirstChar.TryGetValue(content.Length > 0 ? content[0] : '\0', out var candidates)
        ? candidates.FirstOrDefault(t => t.Content == content)?.Id
        : null;

    /// <summary>Appends the segments of <paramref name="text"/> in order; empty plain segments are left out.</summary>
    public void Split(ReadOnlySpan<char> text, List<TextSegment> segments)
    {
        var plainStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var next = text[position..].IndexOfAny(_firstChars);
            if (next < 0) break;
            position += next;
            var match = LongestAt(text, position);
            if (match is null)
            {
                position++;
                continue;
            }
            var plainEnd = position;
            var afterToken = position + match.Content.Length;
            if (match.LStrip)
                while (plainEnd > plainStart && char.IsWhiteSpace(text[plainEnd - 1])) plainEnd--;
            if (plainEnd > plainStart) segments.Add(new TextSegment(plainStart, plainEnd - plainStart, -1));
            segments.Add(new TextSegment(position, match.Content.Length, match.Id));
            if (match.RStrip)
                while (afterToken < text.Length && char.IsWhiteSpace(text[afterToken])) afterToken++;
            position = plainStart = afterToken;
        }
        if (plainStart < text.Length) segments.Add(new TextSegment(plainStart, text.Length - plainStart, -1));
    }

    private AddedToken? LongestAt(ReadOnlySpan<char> text, int position)
    {
        foreach (var token in _byFirstChar[text[position]])
            if (text[position..].StartsWith(token.Content, StringComparison.Ordinal)) return token;
        return null;
    }
}
