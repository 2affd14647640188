using System.Text.Json;
using RMBench.Core.Errors;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RMBench.Core.Suites;

/// <summary>The row values a prompt template sees (besides the manifest's options).</summary>
/// <param name="Persona">Null when the row has none, and in the persona-removed pass of a personalized item.</param>
/// <param name="Documents">Empty when the row has none; already cut to the suite's document budget.</param>
/// <param name="Reference">The reference answer of a verify row; null for other kinds.</param>
public sealed record PromptVariables(string Prompt, string? Persona, IReadOnlyList<string> Documents, string? System, string? Reference = null);

/// <summary>
/// A suite's Scriban template for the final user turn (suite.json "template"). Variables: <c>prompt</c>,
/// <c>persona</c> (null when absent), <c>documents</c> (list, empty when absent), <c>system</c>,
/// <c>reference</c> (a verify row's reference answer; null for other kinds), and every
/// manifest option by its key. Strict variables: a name that is none of these is an error, not an empty
/// string. No HTML escaping (this is model input, not a web page). Surrounding whitespace of the result is
/// trimmed. Parse once per suite; rendering is pure (no includes, no I/O).
/// </summary>
public sealed class PromptTemplate
{
    /// <summary>
    /// Used when a row has a persona or documents but the manifest declares no template (e.g. an ad-hoc
    /// suite over an imported file), so that the persona and documents still reach the model.
    /// </summary>
    public const string DefaultText =
        "{{ if persona }}About me: {{ persona }}\n\n{{ end }}" +
        "{{ if documents.size > 0 }}Documents:\n{{ for d in documents }}[{{ for.index + 1 }}] {{ d }}\n{{ end }}\n{{ end }}" +
        "{{ prompt }}";

    private static readonly string[] RowVariables = ["prompt", "persona", "documents", "system", "reference"];

    private readonly Template _template;
    private readonly ScriptObject _options;
    private readonly string _source;
    private readonly string _suite;

    private PromptTemplate(Template template, ScriptObject options, string source, string suite)
    {
        _template = template;
        _options = options;
        _source = source;
        _suite = suite;
    }

    /// <summary>
    /// Parses <paramref name="text"/> and checks it by rendering sample rows (with and without persona and
    /// documents), so a syntax error or an unknown variable is reported before any row is read.
    /// </summary>
    /// <param name="source">The suite.json path, named in every error.</param>
    /// <exception cref="InputException">Syntax error, unknown variable, or an option named like a row variable.</exception>
    public static PromptTemplate Parse(string text, string source, string suite, IReadOnlyDictionary<string, JsonElement>? options = null)
    {
        var template = Template.Parse(text, source);
        if (template.HasErrors)
            throw new InputException(source, $"template of suite '{suite}' does not parse: {string.Join("; ", template.Messages.Select(m => m.Message + At(m.Span)))}", column: "template");
        var parsed = new PromptTemplate(template, OptionsObject(options ?? new Dictionary<string, JsonElement>(), source, suite), source, suite);
        parsed.Render(new PromptVariables("sample prompt", "sample persona", ["sample document"], "sample system", "sample reference"));
        parsed.Render(new PromptVariables("sample prompt", null, [], null));
        return parsed;
    }

    /// <summary>The final user turn for one row.</summary>
    /// <param name="row">0-based dataset row, named in a render error.</param>
    /// <exception cref="InputException">The template fails on this row (unknown variable, runtime error).</exception>
    public string Render(PromptVariables variables, long? row = null)
    {
        var globals = new ScriptObject();
        globals.Import(_options);
        globals.SetValue("prompt", variables.Prompt, readOnly: true);
        globals.SetValue("persona", variables.Persona, readOnly: true);
        globals.SetValue("documents", new ScriptArray(variables.Documents), readOnly: true);
        globals.SetValue("system", variables.System, readOnly: true);
        globals.SetValue("reference", variables.Reference, readOnly: true);
        var context = new TemplateContext { StrictVariables = true, NewLine = "\n", EnableRelaxedMemberAccess = false };
        context.PushGlobal(globals);
        try
        {
            return _template.Render(context).Trim();
        }
        catch (ScriptRuntimeException e)
        {
            var where = row is null ? "" : $" (rendering dataset row {row})";
            throw new InputException(_source, $"template of suite '{_suite}' fails{where}: {e.OriginalMessage}{At(e.Span)}", column: "template");
        }
    }

    /// <summary>" (template line L, column C)", 1-based.</summary>
    private static string At(Scriban.Parsing.SourceSpan span) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (template line {span.Start.Line + 1}, column {span.Start.Column + 1})");

    /// <summary>Manifest options as template variables: JSON strings, numbers, booleans, arrays and objects.</summary>
    private static ScriptObject OptionsObject(IReadOnlyDictionary<string, JsonElement> options, string source, string suite)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in options)
        {
            if (RowVariables.Contains(key))
                throw new InputException(source, $"option '{key}' of suite '{suite}' has the name of a template row variable; rename it", column: "options");
            result.SetValue(key, ToScript(value), readOnly: true);
        }
        return result;
    }

    private static object? ToScript(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => new ScriptArray(value.EnumerateArray().Select(ToScript)),
        JsonValueKind.Object => ObjectOf(value),
        _ => null,
    };

    private static ScriptObject ObjectOf(JsonElement value)
    {
        var result = new ScriptObject();
        foreach (var property in value.EnumerateObject()) result.SetValue(property.Name, ToScript(property.Value), readOnly: true);
        return result;
    }
}
