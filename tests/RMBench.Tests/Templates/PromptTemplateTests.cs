using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Tests.Templates;

public class PromptTemplateTests
{
    private const string Source = "suites/demo/suite.json";

    private static IReadOnlyDictionary<string, JsonElement> Options(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Renders_persona_numbered_documents_prompt_and_an_option_exactly()
    {
        var template = PromptTemplate.Parse(
            "{{ if persona }}About me: {{ persona }}\n\n{{ end }}{{ for d in documents }}[{{ for.index + 1 }}] {{ d }}\n{{ end }}{{ prompt }} ({{ style }})",
            Source, "demo", Options("""{"style": "be brief"}"""));

        var text = template.Render(new PromptVariables("Which is older?", "I like dates.", ["The mill opened in 1820.", "The bridge opened in 1901."], null));

        Assert.Equal("About me: I like dates.\n\n[1] The mill opened in 1820.\n[2] The bridge opened in 1901.\nWhich is older? (be brief)", text);
    }

    [Fact]
    public void Without_a_persona_the_persona_block_disappears()
    {
        var template = PromptTemplate.Parse("{{ if persona }}About me: {{ persona }}\n\n{{ end }}{{ prompt }}", Source, "demo");

        Assert.Equal("Hello?", template.Render(new PromptVariables("Hello?", null, [], null)));
    }

    [Fact]
    public void Text_is_not_html_escaped()
    {
        var template = PromptTemplate.Parse("{{ persona }} | {{ prompt }}", Source, "demo");

        Assert.Equal("<b>Tom & \"Jerry\"</b> | a < b?", template.Render(new PromptVariables("a < b?", "<b>Tom & \"Jerry\"</b>", [], null)));
    }

    [Fact]
    public void A_syntax_error_names_the_manifest_and_the_suite()
    {
        var error = Assert.Throws<InputException>(() => PromptTemplate.Parse("{{ if persona }}About me", Source, "demo"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Source, problem.Source);
        Assert.Equal("template", problem.Column);
        Assert.Contains("suite 'demo'", problem.Message);
        Assert.Contains("does not parse", problem.Message);
    }

    [Fact]
    public void An_unknown_variable_is_an_error_at_parse_time()
    {
        var error = Assert.Throws<InputException>(() => PromptTemplate.Parse("{{ persona }}\n{{ profile }}", Source, "demo"));

        Assert.Equal(Source, error.Problems[0].Source);
        Assert.Contains("`profile` was not found (template line 2, column 4)", error.Problems[0].Message);
    }

    [Fact]
    public void An_unknown_variable_on_a_branch_only_some_rows_take_names_the_row()
    {
        var template = PromptTemplate.Parse("{{ if persona == \"vip\" }}{{ vip_note }}{{ end }}{{ prompt }}", Source, "demo");

        var error = Assert.Throws<InputException>(() => template.Render(new PromptVariables("hi", "vip", [], null), row: 7));

        Assert.Contains("vip_note", error.Problems[0].Message);
        Assert.Contains("row 7", error.Problems[0].Message);
    }

    [Fact]
    public void An_option_named_like_a_row_variable_is_an_error()
    {
        var error = Assert.Throws<InputException>(() => PromptTemplate.Parse("{{ prompt }}", Source, "demo", Options("""{"persona": "x"}""")));

        Assert.Contains("option 'persona'", error.Problems[0].Message);
    }

    [Fact]
    public void A_plain_row_under_a_manifest_without_template_keeps_its_prompt()
    {
        var renderer = PromptRenderer.For(Manifest(template: null));

        var rendered = renderer.Render(Row(persona: null, documents: null));

        Assert.Equal(new RenderedPrompt("What now?", null, false), rendered);
    }

    [Fact]
    public void A_row_with_a_persona_and_no_manifest_template_uses_the_default_template_in_both_passes()
    {
        var renderer = PromptRenderer.For(Manifest(template: null));

        var rendered = renderer.Render(Row(persona: "I am brief.", documents: ["Doc one."]));

        Assert.Equal("About me: I am brief.\n\nDocuments:\n[1] Doc one.\n\nWhat now?", rendered.Text);
        Assert.Equal("Documents:\n[1] Doc one.\n\nWhat now?", rendered.WithoutPersona);
    }

    [Fact]
    public void The_bundled_suites_render_their_first_rows_as_documented()
    {
        var rag = SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "rag", "suite.json"));
        var personalized = SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "personalized", "suite.json"));
        var row = new DatasetRow(0, new Dictionary<string, object?>
        {
            ["id"] = "x", ["subset"] = "s", ["prompt"] = "Who runs Kestrel Foods?",
            ["persona"] = "I'm Ana. Keep it short.", ["documents"] = (IReadOnlyList<string>)["Kestrel Foods's chief executive is Theo Brandt.", "Kestrel Foods was founded in 1990."],
        });

        Assert.Equal(
            "Answer the question using only the documents below, and cite them by number, like [1]. If they do not contain the answer, say so.\n\n"
            + "Documents:\n[1] Kestrel Foods's chief executive is Theo Brandt.\n[2] Kestrel Foods was founded in 1990.\n\nQuestion: Who runs Kestrel Foods?",
            PromptRenderer.For(rag).Render(row).Text);
        var persona = PromptRenderer.For(personalized).Render(row);
        Assert.Equal("About me: I'm Ana. Keep it short.\n\nWho runs Kestrel Foods?", persona.Text);
        Assert.Equal("Who runs Kestrel Foods?", persona.WithoutPersona);
    }

    internal static SuiteManifest Manifest(string? template, string options = "{}") => new()
    {
        Name = "demo",
        Datasets = [new SuiteDataset { Path = "x.parquet", Kind = "pairwise" }],
        Template = template,
        Options = Options(options),
        ManifestPath = Source,
    };

    internal static DatasetRow Row(string? persona, IReadOnlyList<string>? documents, string prompt = "What now?") =>
        new(0, new Dictionary<string, object?>
        {
            ["id"] = "r0", ["subset"] = "s", ["prompt"] = prompt, ["chosen"] = "yes", ["rejected"] = "no",
            ["persona"] = persona, ["documents"] = documents,
        });
}
