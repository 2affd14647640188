using RMBench.Core.Errors;
using RMBench.Core.Requests;
using RMBench.Onnx.Text;
using RMBench.Onnx.Text.Templates;
using RMBench.Onnx.Text.Tokenizers;

namespace RMBench.Onnx.LanguageModel;

/// <summary>A request as the LM scores it: the token ids and the first scored position, with what the encoder found.</summary>
/// <param name="PrefixMismatch">The context's tokens were not a prefix of the whole sequence's (a merge across the boundary): scoring starts at the first differing token.</param>
internal sealed record LmEncoded(int[] Ids, int From, bool PrefixMismatch, bool Truncated);

/// <summary>
/// Turns a request into the token sequence whose span an LM reward reads, with the onnx backend's text stack
/// (tokenizer files, chat template). The span is found by rendering the request twice: once with a slot marker
/// in place of the scored text (the response, or the follow-up user turn), whose text before the marker is the
/// context (for the response: the conversation with the generation prompt, e.g. "&lt;|im_start|&gt;assistant\n"), and
/// once with the real text, cut where the template's text after the slot begins. Both are tokenized (BOS as the
/// tokenizer adds it, no EOS); the context's tokens must be a prefix of the whole's, else the request is flagged
/// and scored from the first differing token, so a header that merges with the response's first token is scored
/// as part of the response, never silently dropped.
/// </summary>
internal sealed class LmTextEncoder
{
    /// <summary>Marks the scored text's place in a rendering; no template changes it (no whitespace, no markup).</summary>
    private const string Slot = "RMBENCHSCOREDSPAN0x5f3759df";

    private readonly TokenizerPipeline _tokenizer;
    private readonly IChatTemplate _template;

    private LmTextEncoder(TextEncoder encoder)
    {
        _tokenizer = encoder.Tokenizer;
        _template = encoder.Template;
        MaxLength = encoder.MaxLength;
        TemplateName = encoder.TemplateName;
        TemplateDigest = encoder.TemplateDigest;
        TokenizerDigest = encoder.TokenizerDigest;
    }

    public int? MaxLength { get; }
    public string TemplateName { get; }
    public string TemplateDigest { get; }
    public string TokenizerDigest { get; }
    public int? PadTokenId => _tokenizer.Specials.PadId;
    public int? EosTokenId => _tokenizer.Specials.EosId;

    public static LmTextEncoder Load(string directory, TextOptions options)
    {
        var encoder = TextEncoderLoader.Load(directory, options);
        if (encoder is not TextEncoder text) throw new InvalidOperationException("onnx-lm needs the built-in text encoder");
        if (text.Tokenizer.IsEncoder)
            throw new InputException(directory, "the tokenizer is an encoder's (BERT-style); onnx-lm scores causal language models");
        return new LmTextEncoder(text);
    }

    /// <summary>The response's span given the conversation.</summary>
    public LmEncoded EncodeResponse(ScoringRequest request) =>
        Encode(request, new ScoringRequest(request.System, request.Turns, Slot), request.Response);

    /// <summary>The span of a user turn <paramref name="followup"/> after the response.</summary>
    public LmEncoded EncodeFollowup(ScoringRequest request, string followup)
    {
        IReadOnlyList<Turn> Turns(string user) => [.. request.Turns, new Turn("assistant", request.Response), new Turn("user", user)];
        return Encode(new ScoringRequest(request.System, Turns(followup), ""), new ScoringRequest(request.System, Turns(Slot), ""), followup);
    }

    private LmEncoded Encode(ScoringRequest full, ScoringRequest slotted, string scored)
    {
        var marked = Render(slotted);
        var at = marked.IndexOf(Slot, StringComparison.Ordinal);
        if (at < 0) throw new InputException("--chat-template", $"chat template '{TemplateName}' does not write the scored text verbatim, so onnx-lm cannot find its tokens");
        var (context, after) = (marked[..at], marked[(at + Slot.Length)..]);
        var whole = Render(full);
        // The whole text up to the end of the scored text: the template's text after the slot is cut off.
        var text = whole.StartsWith(context, StringComparison.Ordinal) && whole.EndsWith(after, StringComparison.Ordinal) && whole.Length >= context.Length + after.Length
            ? whole[..^after.Length]
            : context + scored;

        var contextIds = Tokens(context);
        var ids = Tokens(text);
        var common = 0;
        while (common < contextIds.Count && common < ids.Count && contextIds[common] == ids[common]) common++;
        var mismatch = common < contextIds.Count;
        var from = Math.Max(1, common);
        return Truncate(ids, from, mismatch);
    }

    /// <summary>Keeps at most MaxLength tokens: the start of the context goes first, then (if the span alone is too long) the end of the span.</summary>
    private LmEncoded Truncate(List<int> ids, int from, bool mismatch)
    {
        if (MaxLength is not { } max || ids.Count <= max) return new LmEncoded([.. ids], from, mismatch, false);
        var cut = Math.Min(ids.Count - max, from - 1); // keep one context token: the first scored token needs one before it
        ids.RemoveRange(0, cut);
        from -= cut;
        if (ids.Count > max) ids.RemoveRange(max, ids.Count - max);
        return new LmEncoded([.. ids], from, mismatch, true);
    }

    private string Render(ScoringRequest request)
    {
        var rendered = _template.Render(request);
        if (rendered.Second is not null)
            throw new InputException("--chat-template", $"chat template '{TemplateName}' renders a (prompt, response) pair for encoders; onnx-lm needs a chat template (pass --chat-template)");
        return rendered.First;
    }

    /// <summary>Tokens of a text as the model sees it: the tokenizer's BOS (once, also when the template writes it), no EOS.</summary>
    private List<int> Tokens(string text)
    {
        var ids = new List<int>();
        _tokenizer.Encode(text, ids);
        var prefix = _tokenizer.PostProcessor.Prefix(false);
        if (prefix.Length > 0 && ids.Count > 0 && _tokenizer.Specials.BosId is { } bos && ids[0] == bos && Array.IndexOf(prefix, bos) >= 0) ids.RemoveAt(0);
        ids.InsertRange(0, prefix);
        return ids;
    }
}
