using RMBench.Core.Errors;
using RMBench.Onnx.Text;
using RMBench.Onnx.Text.Templates;

namespace RMBench.Tests.Onnx.Text;

/// <summary>Which template a model gets: recognised from its Jinja chat_template, overridden by --chat-template, or a clear error.</summary>
public sealed class ChatTemplateSelectionTests
{
    private static readonly TemplateTokens Tokens = new(null, null);

    [Fact]
    public void The_real_Qwen3_chat_template_is_recognised_as_qwen3()
    {
        Assert.Equal("qwen3", TextFixtures.Qwen3.TemplateName);
        Assert.Equal(64, TextFixtures.Qwen3.TemplateDigest.Length);
        Assert.Equal(64, TextFixtures.Qwen3.TokenizerDigest.Length);
    }

    [Theory]
    [InlineData("{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n'}}{% endfor %}", "chatml")]
    [InlineData("{{'<|im_start|>'}}{% if '</think>' in content %}<think>{% endif %}", "qwen3")]
    [InlineData("{{ bos_token }}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}", "llama3")]
    [InlineData("{{ bos_token }}{{ '<start_of_turn>' + role + '\\n' }}", "gemma")]
    public void Jinja_templates_are_recognised_by_their_markers(string jinja, string expected) =>
        Assert.Equal(expected, ChatTemplates.Recognise(jinja));

    [Fact]
    public void An_unrecognised_jinja_template_asks_for_chat_template()
    {
        var e = Assert.Throws<InputException>(() => ChatTemplates.Resolve(null, "{{ messages[0].content }}", null, Tokens, "tokenizer_config.json"));
        Assert.Contains("tokenizer_config.json", e.Message);
        Assert.Contains("--chat-template", e.Message);
    }

    [Fact]
    public void No_template_and_no_encoder_asks_for_chat_template()
    {
        var e = Assert.Throws<InputException>(() => ChatTemplates.Resolve(null, null, null, Tokens, "tokenizer_config.json"));
        Assert.Contains("--chat-template", e.Message);
    }

    [Fact]
    public void An_unknown_template_name_suggests_the_closest_built_in()
    {
        var e = Assert.Throws<InputException>(() => ChatTemplates.Resolve("qwen", null, null, Tokens, "x"));
        Assert.Contains("Did you mean 'qwen3'?", e.Message);
    }

    [Fact]
    public void A_chat_template_option_overrides_the_recognised_template()
    {
        var encoder = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions(ChatTemplate: "chatml"));
        Assert.Equal("chatml", encoder.TemplateName);
        Assert.NotEqual(TextFixtures.Qwen3.TemplateDigest, encoder.TemplateDigest);
    }

    [Fact]
    public void A_scriban_template_file_renders_system_turns_and_response()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "my-template.scriban");
        File.WriteAllText(path, "{{ for t in messages }}<|im_start|>{{ t.role }}\n{{ t.content }}<|im_end|>\n{{ end }}[{{ system }}|{{ prompt }}|{{ response }}]");
        var encoder = TextEncoderLoader.Load(TextFixtures.Qwen3Directory, new TextOptions(ChatTemplate: path));
        Assert.Equal("my-template.scriban", encoder.TemplateName);
        var template = new ScribanChatTemplate(path, Tokens);
        var rendered = template.Render(TextFixtures.Request("Q", "A", "S"));
        Assert.Equal("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\nA<|im_end|>\n[S|Q|A]", rendered.First);
        // The special tokens the user template writes map to their single ids (151644 = <|im_start|>).
        Assert.Equal(151644, encoder.Encode(TextFixtures.Request("Q", "A", "S")).Ids[0]);
    }

    [Fact]
    public void A_scriban_template_with_an_unknown_variable_is_an_input_error_naming_the_file()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "bad.scriban");
        File.WriteAllText(path, "{{ respons }}");
        var e = Assert.Throws<InputException>(() => new ScribanChatTemplate(path, Tokens));
        Assert.Contains(path, e.Message);
    }
}
