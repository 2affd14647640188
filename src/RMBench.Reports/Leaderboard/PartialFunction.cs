using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// {{ partial 'name' }}: evaluates the embedded template Templates/name in the calling context, writing straight
/// to the page's output. Scriban's own include returns the partial's output as a string, which the encoding
/// context would then encode a second time; evaluating in place keeps one encoding pass (inside the partial).
/// </summary>
public sealed class PartialFunction : IScriptCustomFunction
{
    private static readonly ConcurrentDictionary<string, Template> Templates = new(StringComparer.Ordinal);

    public int RequiredParameterCount => 1;
    public int ParameterCount => 1;
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;
    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(string), "name");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var name = arguments.Count == 1 && arguments[0] is string s ? s : throw new ArgumentException("partial expects one template name");
        var template = Templates.GetOrAdd(name, EmbeddedTemplates.Parse);
        context.Evaluate(template.Page ?? throw new InvalidOperationException($"template {name} is empty"));
        return null;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));
}
