namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>An HF normalizer (NFC, NFD, Lowercase, or a sequence of them), applied to each plain segment.</summary>
internal sealed class TextNormalizer(IReadOnlyList<TextNormalizer.Step> steps)
{
    public enum Step { Nfc, Nfd, Lowercase }

    public static readonly TextNormalizer None = new([]);

    private readonly bool _nfcOnly = steps.All(s => s == Step.Nfc);

    public bool IsIdentity => steps.Count == 0;

    public ReadOnlyMemory<char> Apply(ReadOnlyMemory<char> text)
    {
        if (steps.Count == 0 || _nfcOnly && !UnicodeNfc.MayChange(text.Span, compose: true)) return text;
        var s = text.ToString();
        foreach (var step in steps)
            s = step switch
            {
                Step.Nfc => UnicodeNfc.Normalize(s, compose: true),
                Step.Nfd => UnicodeNfc.Normalize(s, compose: false),
                _ => s.ToLowerInvariant(),
            };
        return s.AsMemory();
    }
}
