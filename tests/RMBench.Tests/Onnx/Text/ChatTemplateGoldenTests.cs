using System.Text;
using System.Text.Json;
using RMBench.Core.Requests;
using RMBench.Onnx.Text.Templates;

namespace RMBench.Tests.Onnx.Text;

/// <summary>
/// Every built-in renderer reproduces, byte for byte, the golden renders of golden/conversations.json
/// made by golden/make-golden.mjs with @huggingface/jinja (qwen3: the real Qwen3 chat_template).
/// </summary>
public sealed class ChatTemplateGoldenTests
{
    private sealed record JsonTurn(string Role, string Content);
    private sealed record Conversation(string Name, string? System, JsonTurn[] Turns, string Response);

    public static IEnumerable<object[]> Cases()
    {
        var conversations = JsonSerializer.Deserialize<Conversation[]>(
            File.ReadAllText(Path.Combine(TextFixtures.GoldenDirectory, "conversations.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        foreach (var template in new[] { "qwen3", "chatml", "llama3", "gemma", "raw", "encoder-pair" })
            foreach (var c in conversations)
                yield return [template, c.Name];
    }

    private static (ScoringRequest Request, string Golden) Load(string template, string name)
    {
        var c = JsonSerializer.Deserialize<Conversation[]>(
            File.ReadAllText(Path.Combine(TextFixtures.GoldenDirectory, "conversations.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!.Single(x => x.Name == name);
        var request = new ScoringRequest(c.System, [.. c.Turns.Select(t => new Turn(t.Role, t.Content))], c.Response);
        var golden = File.ReadAllText(Path.Combine(TextFixtures.GoldenDirectory, "renders", template, name + ".txt"), Encoding.UTF8);
        return (request, golden);
    }

    private static readonly TemplateTokens Tokens = new("<bos>", "<eos>");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_equal_the_reference_jinja_renders_byte_for_byte(string template, string conversation)
    {
        var (request, golden) = Load(template, conversation);
        var bos = template switch { "llama3" => "<|begin_of_text|>", "gemma" => "<bos>", _ => null };
        var rendered = ChatTemplates.BuiltIn(template, new TemplateTokens(bos, null))!.Render(request);
        Assert.Equal(golden, rendered.First);
        if (template == "encoder-pair") Assert.Equal(request.Response, rendered.Second);
        else Assert.Null(rendered.Second);
    }

    private sealed record ChatIds(string Name, int[] Ids);
    private sealed record ChatIdsFile(ChatIds[] Cases);

    [Fact]
    public void Qwen3_request_ids_equal_the_reference_template_and_tokenizer_end_to_end()
    {
        var golden = JsonSerializer.Deserialize<ChatIdsFile>(File.ReadAllText(Path.Combine(TextFixtures.GoldenDirectory, "chat-ids.qwen3.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.NotEmpty(golden.Cases);
        foreach (var c in golden.Cases)
            Assert.Equal(c.Ids, TextFixtures.Qwen3.Encode(Load("qwen3", c.Name).Request).Ids);
    }

    [Fact]
    public void Every_built_in_template_has_golden_renders()
    {
        var folders = Directory.GetDirectories(Path.Combine(TextFixtures.GoldenDirectory, "renders")).Select(Path.GetFileName).Order();
        Assert.Equal(ChatTemplates.BuiltInNames.Order(), folders);
    }

    [Fact]
    public void Template_digests_differ_between_templates_and_with_the_bos_token()
    {
        var digests = ChatTemplates.BuiltInNames.Select(n => ChatTemplates.BuiltIn(n, Tokens)!.Definition).ToList();
        Assert.Equal(digests.Count, digests.Distinct().Count());
        Assert.NotEqual(ChatTemplates.BuiltIn("llama3", Tokens)!.Definition, ChatTemplates.BuiltIn("llama3", new TemplateTokens("<s>", null))!.Definition);
    }
}

/// <summary>Cases the Jinja reference engine cannot check (it ignores strip's argument), pinned by hand from Python semantics.</summary>
public sealed class Qwen3TemplatePythonSemanticsTests
{
    [Fact]
    public void Leading_spaces_of_the_response_survive_as_with_python_lstrip_of_newlines()
    {
        // Qwen3's template writes content.lstrip('\n'): only newlines go, so "\n  Yes." renders "  Yes.".
        var rendered = ChatTemplates.BuiltIn("qwen3", new TemplateTokens(null, null))!.Render(TextFixtures.Request("Q", "\n  Yes."));
        Assert.EndsWith("<think>\n\n</think>\n\n  Yes.<|im_end|>\n", rendered.First);
    }

    [Fact]
    public void Reasoning_of_earlier_turns_is_dropped_and_the_final_reasoning_is_stripped_of_newlines_only()
    {
        var request = new ScoringRequest(null,
            [new Turn("user", "a"), new Turn("assistant", "<think>old</think>\n\nfirst"), new Turn("user", "b")],
            "<think>\n\n  step\n\n</think>\n\n answer");
        var rendered = ChatTemplates.BuiltIn("qwen3", new TemplateTokens(null, null))!.Render(request).First;
        Assert.Equal("<|im_start|>user\na<|im_end|>\n<|im_start|>assistant\nfirst<|im_end|>\n<|im_start|>user\nb<|im_end|>\n" +
                     "<|im_start|>assistant\n<think>\n  step\n</think>\n\n answer<|im_end|>\n", rendered);
    }
}
