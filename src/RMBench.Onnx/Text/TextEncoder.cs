using RMBench.Core.Requests;
using RMBench.Onnx.Text.Templates;
using RMBench.Onnx.Text.Tokenizers;
using RMBench.Core.Models;

namespace RMBench.Onnx.Text;

/// <summary>
/// Chat template + tokenizer + post-processing + truncation. Thread-safe; per-thread scratch buffers keep
/// the hot path to the rendered string and the returned arrays.
/// </summary>
internal sealed class TextEncoder : ITextEncoder
{
    private readonly TokenizerPipeline _tokenizer;
    private readonly IChatTemplate _template;
    private readonly TruncationSide _side;

    [ThreadStatic] private static List<int>? _a, _b, _ids, _types;

    public TextEncoder(TokenizerPipeline tokenizer, IChatTemplate template, int? maxLength, TruncationSide side, string tokenizerDigest)
    {
        _tokenizer = tokenizer;
        _template = template;
        _side = side;
        MaxLength = maxLength;
        TokenizerDigest = tokenizerDigest;
        TemplateDigest = RMBench.Core.IO.Sha256.Hex(template.Definition);
    }

    public string TemplateName => _template.Name;
    public string TemplateDigest { get; }
    public string TokenizerDigest { get; }
    public int? MaxLength { get; }
    public int? PadTokenId => _tokenizer.Specials.PadId;
    public string TokenizerKind => _tokenizer.Kind;

    internal TokenizerPipeline Tokenizer => _tokenizer;
    internal IChatTemplate Template => _template;

    public TokenizedRequest Encode(ScoringRequest request)
    {
        var rendered = _template.Render(request);
        var (a, b, ids, types) = (_a ??= [], _b ??= [], _ids ??= [], _types ??= []);
        a.Clear(); b.Clear(); ids.Clear(); types.Clear();
        _tokenizer.Encode(rendered.First, a);
        var pair = rendered.Second is not null;
        if (pair) _tokenizer.Encode(rendered.Second!, b);

        // The template may write BOS itself (llama3, gemma): keep exactly one, protected from truncation.
        var post = _tokenizer.PostProcessor;
        var bos = _tokenizer.Specials.BosId;
        var textBos = bos is { } bosId && a.Count > 0 && a[0] == bosId;
        if (textBos) a.RemoveAt(0);
        var extraBos = textBos && Array.IndexOf(post.Prefix(pair), bos!.Value) < 0 ? 1 : 0;

        var truncated = false;
        if (MaxLength is { } max)
        {
            var budget = Math.Max(0, max - post.SpecialCount(pair) - extraBos);
            truncated = Truncate(a, pair ? b : null, budget);
        }
        if (extraBos == 1) ids.Add(bos!.Value);
        post.Assemble(a, pair ? b : null, ids, types);
        int[]? typeIds = null;
        if (pair)
        {
            typeIds = new int[ids.Count];
            types.CopyTo(0, typeIds, extraBos, types.Count);
        }
        return new TokenizedRequest([.. ids], typeIds, truncated);
    }

    /// <summary>Left: cuts the start of the prompt (A) first, then of the response; Right: cuts the end of the response (B) first, then of A.</summary>
    private bool Truncate(List<int> a, List<int>? b, int budget)
    {
        var excess = a.Count + (b?.Count ?? 0) - budget;
        if (excess <= 0) return false;
        var (first, second) = _side == TruncationSide.Left ? (a, b) : (b ?? a, b is null ? null : a);
        foreach (var part in new[] { first, second })
        {
            if (part is null || excess <= 0) continue;
            var cut = Math.Min(excess, part.Count);
            if (_side == TruncationSide.Left) part.RemoveRange(0, cut);
            else part.RemoveRange(part.Count - cut, cut);
            excess -= cut;
        }
        return true;
    }
}
