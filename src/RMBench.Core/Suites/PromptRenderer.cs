using RMBench.Core.Data;

namespace RMBench.Core.Suites;

/// <summary>The final user turn of an item, and without the persona when the row has one.</summary>
/// <param name="WithoutPersona">The same template rendered with persona = null (the persona-gap pass); null when the row has no persona.</param>
/// <param name="Truncated">Documents were cut to the suite's budget.</param>
public sealed record RenderedPrompt(string Text, string? WithoutPersona, bool Truncated);

/// <summary>
/// Builds a row's final user turn from the suite's template (parsed once per suite) and document budget.
/// A row with neither persona nor documents under a manifest without a template keeps its prompt as it
/// is (so plain pairwise suites are unchanged); a row with a persona or documents and no manifest
/// template uses <see cref="PromptTemplate.DefaultText"/>. An empty or blank persona counts as none.
/// </summary>
public sealed class PromptRenderer
{
    private static readonly Lazy<PromptTemplate> Default =
        new(() => PromptTemplate.Parse(PromptTemplate.DefaultText, "built-in default template", "default"));

    private readonly PromptTemplate? _template;
    private readonly DocumentBudget _budget;

    private PromptRenderer(PromptTemplate? template, DocumentBudget budget)
    {
        _template = template;
        _budget = budget;
    }

    /// <exception cref="Errors.InputException">A bad template or budget option, naming the suite.json.</exception>
    public static PromptRenderer For(SuiteManifest manifest)
    {
        var source = string.IsNullOrEmpty(manifest.ManifestPath) ? manifest.Name : manifest.ManifestPath;
        var template = manifest.Template is { } text ? PromptTemplate.Parse(text, source, manifest.Name, manifest.Options) : null;
        return new PromptRenderer(template, DocumentBudget.For(manifest));
    }

    /// <summary>
    /// A verify row's final user turn: the suite's template with <c>prompt</c> = the question and
    /// <c>reference</c> = the reference answer, or <paramref name="fallback"/> when the suite has no template.
    /// </summary>
    public string RenderVerify(DatasetRow row, string question, string reference, Func<string, string, string> fallback) =>
        _template is null ? fallback(question, reference) : _template.Render(new PromptVariables(question, null, [], row.System, reference), row.Index);

    public RenderedPrompt Render(DatasetRow row)
    {
        var prompt = row.String("prompt");
        var persona = row.OptionalString("persona") is { } stated && !string.IsNullOrWhiteSpace(stated) ? stated : null; // "" is no persona
        var documents = row.OptionalStringList("documents") ?? [];
        if (_template is null && persona is null && documents.Count == 0) return new RenderedPrompt(prompt, null, false);
        var template = _template ?? Default.Value;
        var (kept, truncated) = _budget.Apply(documents);
        var text = template.Render(new PromptVariables(prompt, persona, kept, row.System), row.Index);
        var withoutPersona = persona is null ? null : template.Render(new PromptVariables(prompt, null, kept, row.System), row.Index);
        return new RenderedPrompt(text, withoutPersona, truncated);
    }
}
