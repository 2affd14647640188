using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>ChatML: "&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n" per message, the system prompt as the first message.</summary>
public sealed class ChatMlTemplate : BuiltInChatTemplate
{
    public override string Name => "chatml";
    protected override string Description => "v1 <|im_start|>{role}\\n{content}<|im_end|>\\n per message";
    public override bool Recognises(string jinja) => jinja.Contains("<|im_start|>");

    public override RenderedText Render(ScoringRequest request)
    {
        var b = Builder();
        foreach (var m in Messages(request))
            b.Append("<|im_start|>").Append(m.Role).Append('\n').Append(m.Content).Append("<|im_end|>\n");
        return new(b.ToString());
    }
}
