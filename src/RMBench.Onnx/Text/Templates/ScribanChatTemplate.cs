using RMBench.Core.Errors;
using RMBench.Core.Requests;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RMBench.Onnx.Text.Templates;

/// <summary>
/// A user chat template written in Scriban (--chat-template FILE). Variables:
/// <c>system</c> (string or null), <c>turns</c> (the turns before the response, each {role, content};
/// the last is the user prompt), <c>prompt</c> (that last user prompt), <c>response</c> (the answer being
/// scored), <c>messages</c> (system? + turns + {role: "assistant", content: response}, like Jinja's
/// messages), <c>bos_token</c>, <c>eos_token</c>. The output is tokenized as one text; special tokens
/// written in it map to their ids. Unknown variables are errors.
/// </summary>
public sealed class ScribanChatTemplate : IChatTemplate
{
    private readonly Template _template;
    private readonly string _path;
    private readonly TemplateTokens _tokens;

    public ScribanChatTemplate(string path, TemplateTokens tokens)
    {
        _path = path;
        _tokens = tokens;
        Definition = File.ReadAllText(path);
        _template = Template.Parse(Definition, path);
        if (_template.HasErrors)
            throw new InputException(path, "not a valid Scriban template: " + string.Join("; ", _template.Messages.Select(m => m.ToString())));
        Render(new ScoringRequest("system", [new Turn("user", "prompt")], "response"));
    }

    public string Name => Path.GetFileName(_path);
    public string Definition { get; }

    public RenderedText Render(ScoringRequest request)
    {
        var globals = new ScriptObject
        {
            ["system"] = request.System,
            ["turns"] = Array(request.Turns),
            ["prompt"] = request.Prompt,
            ["response"] = request.Response,
            ["messages"] = Array([.. (request.System is { } s ? new[] { new Turn("system", s) } : []), .. request.Turns, new Turn("assistant", request.Response)]),
            ["bos_token"] = _tokens.Bos ?? "",
            ["eos_token"] = _tokens.Eos ?? "",
        };
        var context = new TemplateContext { StrictVariables = true };
        context.PushGlobal(globals);
        try
        {
            return new(_template.Render(context));
        }
        catch (ScriptRuntimeException e)
        {
            throw new InputException(_path, "chat template failed: " + e.OriginalMessage);
        }
    }

    private static ScriptArray Array(IEnumerable<Turn> turns)
    {
        var array = new ScriptArray();
        foreach (var t in turns) array.Add(new ScriptObject { ["role"] = t.Role, ["content"] = t.Content });
        return array;
    }
}
