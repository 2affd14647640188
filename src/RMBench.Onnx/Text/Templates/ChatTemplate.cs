using System.Text;
using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>What a template renders: one text (decoder RMs), or a (prompt, response) pair for encoder RMs.</summary>
public readonly record struct RenderedText(string First, string? Second = null);

/// <summary>The tokenizer's BOS/EOS strings, for templates that write them (llama3, gemma).</summary>
public sealed record TemplateTokens(string? Bos, string? Eos);

/// <summary>Turns a scoring request (system, turns, final response) into the text the model was trained on.</summary>
public interface IChatTemplate
{
    /// <summary>"qwen3", "chatml"..., or the user's template file name.</summary>
    string Name { get; }
    /// <summary>The definition hashed into TemplateDigest (built-ins: a versioned description; user files: the file).</summary>
    string Definition { get; }
    RenderedText Render(ScoringRequest request);
}

/// <summary>
/// A built-in renderer: one class per template, found by reflection (adding one is adding a class).
/// Each mirrors a real Jinja chat_template for the case the harness scores: the whole conversation
/// ending with the assistant's response, no generation prompt.
/// </summary>
public abstract class BuiltInChatTemplate : IChatTemplate
{
    [ThreadStatic] private static StringBuilder? _builder;

    public abstract string Name { get; }
    protected abstract string Description { get; }
    /// <summary>Among templates that recognise a Jinja template, the highest priority wins (qwen3 before chatml).</summary>
    public virtual int RecognitionPriority => 0;
    public TemplateTokens Tokens { get; private set; } = new(null, null);

    public string Definition => $"{Name}\n{Description}\nbos={Tokens.Bos}\neos={Tokens.Eos}";

    /// <summary>True when a model's Jinja chat_template is this format (by its markers).</summary>
    public abstract bool Recognises(string jinja);

    public abstract RenderedText Render(ScoringRequest request);

    internal BuiltInChatTemplate WithTokens(TemplateTokens tokens)
    {
        var copy = (BuiltInChatTemplate)MemberwiseClone();
        copy.Tokens = tokens;
        return copy;
    }

    /// <summary>A cleared per-thread builder (rendering is on the scoring hot path).</summary>
    protected static StringBuilder Builder()
    {
        var builder = _builder ??= new StringBuilder(4096);
        builder.Clear();
        return builder;
    }

    /// <summary>The messages the Jinja templates see: [system?] + turns + the response as the last assistant turn.</summary>
    protected static IEnumerable<Turn> Messages(ScoringRequest request)
    {
        if (request.System is { } system) yield return new Turn("system", system);
        foreach (var turn in request.Turns) yield return turn;
        yield return new Turn("assistant", request.Response);
    }
}

/// <summary>Python's str.strip() (what `| trim` does in transformers' Jinja): Python's whitespace set.</summary>
internal static class PythonText
{
    private static readonly char[] Whitespace =
        [.. "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000", .. Enumerable.Range(0x2000, 11).Select(c => (char)c)];

    public static string Strip(string s) => s.Trim(Whitespace);
}
