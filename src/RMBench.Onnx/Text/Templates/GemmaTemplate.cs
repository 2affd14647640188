using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>
/// Gemma: BOS, then per message "&lt;start_of_turn&gt;{user|model}\n{content | trim}&lt;end_of_turn&gt;\n".
/// Gemma has no system role: as Gemma 3's template does, the system prompt is folded into the first
/// user turn as "{system}\n\n" before its content.
/// </summary>
public sealed class GemmaTemplate : BuiltInChatTemplate
{
    public override string Name => "gemma";
    protected override string Description => "v1 {bos}<start_of_turn>{user|model}\\n{system\\n\\n if first}{content|trim}<end_of_turn>\\n per message";
    public override bool Recognises(string jinja) => jinja.Contains("<start_of_turn>");

    public override RenderedText Render(ScoringRequest request)
    {
        var b = Builder().Append(Tokens.Bos);
        var first = true;
        foreach (var m in Messages(request))
        {
            if (m.Role == "system") continue;
            b.Append("<start_of_turn>").Append(m.Role == "assistant" ? "model" : m.Role).Append('\n');
            if (first && request.System is { } system) b.Append(system).Append("\n\n");
            b.Append(PythonText.Strip(m.Content)).Append("<end_of_turn>\n");
            first = false;
        }
        return new(b.ToString());
    }
}
