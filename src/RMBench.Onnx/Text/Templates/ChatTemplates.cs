using RMBench.Core.Errors;
using RMBench.Core.Text;

namespace RMBench.Onnx.Text.Templates;

/// <summary>The built-in renderers (found by reflection), recognition from a Jinja template, and --chat-template resolution.</summary>
public static class ChatTemplates
{
    private static readonly IReadOnlyList<BuiltInChatTemplate> All = [.. typeof(BuiltInChatTemplate).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(BuiltInChatTemplate)) && !t.IsAbstract)
        .Select(t => (BuiltInChatTemplate)Activator.CreateInstance(t)!)
        .OrderByDescending(t => t.RecognitionPriority).ThenBy(t => t.Name, StringComparer.Ordinal)];

    public static IEnumerable<string> BuiltInNames => All.Select(t => t.Name);

    public static BuiltInChatTemplate? BuiltIn(string name, TemplateTokens tokens) =>
        All.FirstOrDefault(t => t.Name == name)?.WithTokens(tokens);

    /// <summary>The built-in whose markers a model's Jinja chat_template carries, or null.</summary>
    public static string? Recognise(string jinja) => All.FirstOrDefault(t => t.Recognises(jinja))?.Name;

    /// <summary>
    /// --chat-template NAME|FILE when given; otherwise recognised from the model's Jinja template;
    /// otherwise encoder-pair for encoder tokenizers; otherwise an error asking for --chat-template.
    /// </summary>
    public static IChatTemplate Resolve(string? requested, string? jinja, string? fallback, TemplateTokens tokens, string configPath)
    {
        if (requested is not null)
        {
            if (BuiltIn(requested, tokens) is { } named) return named;
            if (File.Exists(requested)) return new ScribanChatTemplate(requested, tokens);
            throw new InputException("--chat-template", $"unknown chat template '{requested}' (not a built-in name nor an existing file).{Suggest.DidYouMean(requested, BuiltInNames)}");
        }
        if (jinja is not null)
            return Recognise(jinja) is { } recognised
                ? BuiltIn(recognised, tokens)!
                : throw new InputException(configPath, $"chat_template not recognised (no ChatML, Llama 3 or Gemma markers); pass --chat-template with one of {string.Join(", ", BuiltInNames)} or a Scriban template file");
        if (fallback is not null) return BuiltIn(fallback, tokens)!;
        throw new InputException(configPath, $"no chat_template and not an encoder (BERT/DeBERTa) tokenizer; pass --chat-template with one of {string.Join(", ", BuiltInNames)} or a Scriban template file");
    }
}
