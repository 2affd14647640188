using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>
/// Meta-Llama-3-Instruct: BOS, then per message "&lt;|start_header_id|&gt;{role}&lt;|end_header_id|&gt;\n\n{content | trim}&lt;|eot_id|&gt;".
/// (Llama 3.1+ templates also write a dated system header; pass their file as a Scriban template if needed.)
/// </summary>
public sealed class Llama3Template : BuiltInChatTemplate
{
    public override string Name => "llama3";
    protected override string Description => "v1 {bos}<|start_header_id|>{role}<|end_header_id|>\\n\\n{content|trim}<|eot_id|> per message";
    public override bool Recognises(string jinja) => jinja.Contains("<|start_header_id|>");

    public override RenderedText Render(ScoringRequest request)
    {
        var b = Builder().Append(Tokens.Bos);
        foreach (var m in Messages(request))
            b.Append("<|start_header_id|>").Append(m.Role).Append("<|end_header_id|>\n\n").Append(PythonText.Strip(m.Content)).Append("<|eot_id|>");
        return new(b.ToString());
    }
}
