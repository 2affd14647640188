using BenchmarkDotNet.Attributes;
using RMBench.Core.Requests;
using RMBench.Onnx.Text.Templates;

namespace RMBench.Benchmarks;

/// <summary>Chat template rendering (text only, no tokenizer) of <see cref="Scale.Requests"/> requests: built-in renderers and a user Scriban template.</summary>
[MemoryDiagnoser]
public class ChatTemplateBenchmarks
{
    private IChatTemplate _template = null!;
    private IReadOnlyList<ScoringRequest> _requests = [];

    [Params("chatml", "qwen3", "llama3", "encoder-pair", "scriban")]
    public string Template { get; set; } = "chatml";

    [GlobalSetup]
    public void Setup()
    {
        var tokens = new TemplateTokens("<s>", "</s>");
        if (Template == "scriban")
        {
            var path = Path.Combine(Scale.NewTempDirectory("scriban"), "template.sbn");
            File.WriteAllText(path, "{{ bos_token }}{{ for m in messages }}<|{{ m.role }}|>\n{{ m.content }}\n{{ end }}{{ eos_token }}");
            _template = new ScribanChatTemplate(path, tokens);
        }
        else _template = ChatTemplates.BuiltIn(Template, tokens) ?? throw new InvalidOperationException($"no built-in template {Template}");
        _requests = Scale.SampleRequests(Scale.Requests);
    }

    [Benchmark(Description = "render requests (chars)")]
    public long Render()
    {
        long chars = 0;
        foreach (var request in _requests)
        {
            var text = _template.Render(request);
            chars += text.First.Length + (text.Second?.Length ?? 0);
        }
        return chars;
    }
}
