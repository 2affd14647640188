using RMBench.Core.Requests;

namespace RMBench.Onnx.Text.Templates;

/// <summary>
/// DeBERTa/BERT-style reward models score the pair (prompt, response): the tokenizer writes
/// "[CLS] prompt [SEP] response [SEP]" with token types 0 then 1. The prompt is the user prompt itself
/// when the request is one user turn without a system prompt; otherwise every message before the
/// response is flattened as "System: ...", "User: ...", "Assistant: ..." joined by a blank line.
/// </summary>
public sealed class EncoderPairTemplate : BuiltInChatTemplate
{
    public override string Name => "encoder-pair";
    protected override string Description => "v1 pair (prompt, response); prompt = the user prompt, or \"Role: content\" per message joined by \\n\\n";
    public override bool Recognises(string jinja) => false;

    public override RenderedText Render(ScoringRequest request)
    {
        if (request.System is null && request.Turns is [{ Role: "user" } only]) return new(only.Content, request.Response);
        var b = Builder();
        void Add(string role, string content)
        {
            if (b.Length > 0) b.Append("\n\n");
            b.Append(char.ToUpperInvariant(role[0])).Append(role.AsSpan(1)).Append(": ").Append(content);
        }
        if (request.System is { } system) Add("system", system);
        foreach (var turn in request.Turns) Add(turn.Role, turn.Content);
        return new(b.ToString(), request.Response);
    }
}
