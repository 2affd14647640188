using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Verify;

/// <summary>How a verify row's reference answer reaches a text model: the manifest's template, or the documented default.</summary>
public class VerifyPromptTests
{
    private static readonly VerifyKind Kind = new();

    private static DatasetRow Row() => new(0, new Dictionary<string, object?>
    {
        ["id"] = "q1-a", ["subset"] = "test", ["question"] = "What is 6 x 7?", ["reference"] = "42",
        ["completion"] = "It is 42.", ["label"] = true, ["answer_type"] = null,
    });

    private static string Prompt(SuiteManifest manifest) =>
        Kind.ToItem(Row(), new SuiteContext(manifest.Name, manifest)).Requests.Single().Request.Prompt;

    [Fact]
    public void The_manifest_template_renders_the_question_and_the_reference()
    {
        var manifest = VerifyMetricsTests.Manifest() with { Template = "Question: {{ prompt }}\nGold answer: {{ reference }}" };

        Assert.Equal("Question: What is 6 x 7?\nGold answer: 42", Prompt(manifest));
    }

    [Fact]
    public void Without_a_template_the_reference_follows_the_question_after_a_blank_line()
    {
        Assert.Equal("What is 6 x 7?\n\nReference answer: 42", Prompt(VerifyMetricsTests.Manifest()));
        // The request also carries the reference for models that take it directly.
        Assert.Equal("42", Kind.ToItem(Row(), new SuiteContext("v", VerifyMetricsTests.Manifest())).Requests.Single().Request.Reference);
    }

    [Fact]
    public void The_bundled_verify_suite_declares_its_template_in_the_manifest()
    {
        var manifest = SuiteManifest.Load(Path.Combine(TestPaths.RepoRoot, "suites", "verify", "suite.json"));

        Assert.Equal("What is 6 x 7?\n\nReference answer: 42", Prompt(manifest));
        Assert.Contains("{{ reference }}", manifest.Template);
    }

    [Fact]
    public void An_option_named_reference_is_refused_like_the_other_row_variables()
    {
        var manifest = VerifyMetricsTests.Manifest("""{"reference": "x"}""") with { Template = "{{ prompt }}" };

        var error = Assert.Throws<InputException>(() => Prompt(manifest));
        Assert.Contains("option 'reference'", error.Message);
    }
}
