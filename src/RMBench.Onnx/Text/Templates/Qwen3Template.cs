using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>
/// Qwen3's chat_template: ChatML, where assistant turns before the last user query lose their
/// &lt;think&gt; reasoning, and the final assistant turn (the scored response) always carries a think block:
/// "&lt;think&gt;\n{reasoning}\n&lt;/think&gt;\n\n{answer}" (empty reasoning when the response has none).
/// User turns wrapped in &lt;tool_response&gt; do not count as queries, as in the template.
/// </summary>
public sealed class Qwen3Template : BuiltInChatTemplate
{
    private const string ThinkEnd = "</think>";

    public override string Name => "qwen3";
    protected override string Description => "v1 Qwen3 chat_template: ChatML; reasoning kept only after the last user query; final turn with <think> block";
    public override int RecognitionPriority => 1;
    public override bool Recognises(string jinja) => jinja.Contains("<|im_start|>") && jinja.Contains("<think>");

    public override RenderedText Render(ScoringRequest request)
    {
        var messages = Messages(request).ToList();
        var lastQuery = messages.Count - 1;
        for (var i = messages.Count - 1; i >= 0; i--)
            if (messages[i].Role == "user" && !IsToolResponse(messages[i].Content))
            {
                lastQuery = i;
                break;
            }
        var b = Builder();
        for (var i = 0; i < messages.Count; i++)
        {
            var (role, content) = (messages[i].Role, messages[i].Content);
            if (role == "user" || role == "system")
                b.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
            else if (role == "assistant")
            {
                var reasoning = "";
                var cut = content.IndexOf(ThinkEnd, StringComparison.Ordinal);
                if (cut >= 0)
                {
                    reasoning = content[..cut].TrimEnd('\n');
                    var open = reasoning.LastIndexOf("<think>", StringComparison.Ordinal);
                    if (open >= 0) reasoning = reasoning[(open + "<think>".Length)..];
                    reasoning = reasoning.TrimStart('\n');
                    content = content[(content.LastIndexOf(ThinkEnd, StringComparison.Ordinal) + ThinkEnd.Length)..].TrimStart('\n');
                }
                b.Append("<|im_start|>assistant\n");
                if (i > lastQuery && (i == messages.Count - 1 || reasoning.Length > 0))
                    b.Append("<think>\n").Append(reasoning.Trim('\n')).Append("\n</think>\n\n").Append(content.TrimStart('\n'));
                else
                    b.Append(content);
                b.Append("<|im_end|>\n");
            }
        }
        return new(b.ToString());
    }

    private static bool IsToolResponse(string content) =>
        content.StartsWith("<tool_response>", StringComparison.Ordinal) && content.EndsWith("</tool_response>", StringComparison.Ordinal);
}
