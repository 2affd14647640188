using RMBench.Core.Errors;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RMBench.Remote.Judge;

/// <summary>What a judge template sees. Pairwise: response_a (shown first) and response_b; rating: response.</summary>
public sealed record JudgeVariables(string Prompt, string? System, IReadOnlyList<Core.Requests.Turn> Turns,
    string? ResponseA = null, string? ResponseB = null, string? Response = null, string? Reference = null);

/// <summary>
/// A Scriban template of a judge message. Variables: <c>prompt</c> (final user turn), <c>system</c> (null when
/// none), <c>turns</c> (the conversation before the responses: objects with <c>role</c> and <c>content</c>),
/// <c>reference</c> (null when none) and, by mode, <c>response_a</c>/<c>response_b</c> or <c>response</c>.
/// Strict: any other name is an error at load (exit 3 naming the file), as for suite templates. No escaping.
/// </summary>
public sealed class JudgeTemplate
{
    private readonly Template _template;
    private readonly JudgeMode _mode;
    private readonly string _origin;

    private JudgeTemplate(Template template, string source, JudgeMode mode, string origin) =>
        (_template, Source, _mode, _origin) = (template, source, mode, origin);

    public string Source { get; }

    /// <param name="origin">The preset file (or built-in name), named in every error.</param>
    public static JudgeTemplate Parse(string text, JudgeMode mode, string origin)
    {
        var template = Template.Parse(text, origin);
        if (template.HasErrors)
            throw new InputException(origin, $"judge template does not parse: {string.Join("; ", template.Messages.Select(m => m.Message))}");
        var parsed = new JudgeTemplate(template, text, mode, origin);
        // Render samples now so an unknown variable is reported before any request.
        parsed.Render(new JudgeVariables("sample prompt", "sample system", [new("user", "earlier turn"), new("assistant", "earlier reply")],
            "sample A", "sample B", "sample response", "sample reference"));
        parsed.Render(new JudgeVariables("sample prompt", null, []));
        return parsed;
    }

    public string Render(JudgeVariables variables)
    {
        var globals = new ScriptObject();
        globals.SetValue("prompt", variables.Prompt, readOnly: true);
        globals.SetValue("system", variables.System, readOnly: true);
        var turns = new ScriptArray();
        foreach (var turn in variables.Turns)
        {
            var t = new ScriptObject();
            t.SetValue("role", turn.Role, readOnly: true);
            t.SetValue("content", turn.Content, readOnly: true);
            turns.Add(t);
        }
        globals.SetValue("turns", turns, readOnly: true);
        globals.SetValue("reference", variables.Reference, readOnly: true);
        if (_mode == JudgeMode.Pairwise)
        {
            globals.SetValue("response_a", variables.ResponseA, readOnly: true);
            globals.SetValue("response_b", variables.ResponseB, readOnly: true);
        }
        else globals.SetValue("response", variables.Response, readOnly: true);
        var context = new TemplateContext { StrictVariables = true, NewLine = "\n", EnableRelaxedMemberAccess = false };
        context.PushGlobal(globals);
        try
        {
            return _template.Render(context).Trim();
        }
        catch (ScriptRuntimeException e)
        {
            var known = _mode == JudgeMode.Pairwise ? "prompt, system, turns, response_a, response_b, reference" : "prompt, system, turns, response, reference";
            throw new InputException(_origin, $"judge template fails: {e.OriginalMessage} (line {e.Span.Start.Line + 1}; variables: {known})");
        }
    }
}
