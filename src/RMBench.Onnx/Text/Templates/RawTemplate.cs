using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>No markup: the system prompt, the turns and the response, joined by a blank line ("\n\n").</summary>
public sealed class RawTemplate : BuiltInChatTemplate
{
    public override string Name => "raw";
    protected override string Description => "v1 contents of system, turns and response joined by \\n\\n";
    public override bool Recognises(string jinja) => false;

    public override RenderedText Render(ScoringRequest request)
    {
        var b = Builder();
        var first = true;
        foreach (var m in Messages(request))
        {
            if (!first) b.Append("\n\n");
            b.Append(m.Content);
            first = false;
        }
        return new(b.ToString());
    }
}
