using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;
using RMBench.Tests.Templates;

namespace RMBench.Tests.Kinds;

public class PersonaPassTests
{
    private const string Template = "{{ if persona }}About me: {{ persona }}\n\n{{ end }}{{ prompt }}";
    private static readonly PairwiseKind Kind = new();

    private static SuiteContext Context(string? template = Template, string options = "{}") =>
        new("demo", PromptTemplateTests.Manifest(template, options));

    [Fact]
    public void A_row_with_a_persona_is_also_scored_with_the_persona_removed()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());

        Assert.Equal(["chosen", "rejected", PairwiseKind.ChosenNoPersona, PairwiseKind.RejectedNoPersona], item.Requests.Select(r => r.Role));
        Assert.Equal("About me: I want lists.\n\nWhat now?", item.Requests[0].Request.Prompt);
        Assert.Equal("What now?", item.Requests[2].Request.Prompt);
        Assert.Equal(item.Requests[0].Request.Response, item.Requests[2].Request.Response);
        Assert.Equal(item.Requests[1].Request.Response, item.Requests[3].Request.Response);
    }

    [Fact]
    public void The_cluster_stays_the_original_prompt_whatever_the_template()
    {
        var withPersona = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());
        var plain = Kind.ToItem(PromptTemplateTests.Row(null, null), Context(template: null));

        Assert.Equal(plain.Cluster, withPersona.Cluster);
        Assert.Equal(KindRows.Cluster(PromptTemplateTests.Row(null, null)), withPersona.Cluster);
    }

    [Fact]
    public void A_plain_row_keeps_its_two_requests_and_prompt()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row(null, null), Context(template: null));

        Assert.Equal(["chosen", "rejected"], item.Requests.Select(r => r.Role));
        Assert.Equal("What now?", item.Requests[0].Request.Prompt);
        Assert.False(item.Truncated);
    }

    [Fact]
    public void Documents_over_the_budget_mark_the_item_truncated()
    {
        var context = Context("{{ for d in documents }}[{{ for.index + 1 }}] {{ d }}\n{{ end }}{{ prompt }}", """{"document_budget_tokens": 3}""");

        var item = Kind.ToItem(PromptTemplateTests.Row(null, ["12345678", "abcd efgh ijkl"]), context);

        Assert.True(item.Truncated);
        Assert.Equal("[1] 12345678\n[2] abcd\nWhat now?", item.Requests[0].Request.Prompt); // 2 tokens + "abcd" (1 token)
    }

    [Theory]
    // scores: chosen, rejected, chosen without persona, rejected without persona -> value, no_persona, no_persona_tie
    [InlineData(2f, 1f, 1f, 2f, 1.0, 0.0, 0.0)]
    [InlineData(1f, 2f, 2f, 1f, 0.0, 1.0, 0.0)]
    [InlineData(2f, 1f, 3f, 3f, 1.0, 0.0, 1.0)]
    public void The_no_persona_outcome_is_judged_by_the_same_rule_into_extras(float c, float r, float cn, float rn, double value, double noPersona, double tie)
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());

        var outcome = Kind.Judge(item, [c, r, cn, rn], new JudgingOptions());

        Assert.Equal(value, outcome.Value);
        Assert.Equal(0, outcome.Ties);
        Assert.Equal(noPersona, outcome.Extras[PairwiseKind.NoPersonaExtra]);
        Assert.Equal(tie, outcome.Extras[PairwiseKind.NoPersonaTieExtra]);
    }

    [Fact]
    public void A_tie_without_the_persona_gets_half_credit_under_half_ties()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());

        var outcome = Kind.Judge(item, [2f, 1f, 3f, 3f], new JudgingOptions(TiePolicy.Half));

        Assert.Equal(0.5, outcome.Extras[PairwiseKind.NoPersonaExtra]);
    }

    [Fact]
    public void A_non_finite_score_in_the_second_pass_invalidates_the_item_in_both_passes()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());

        var outcome = Kind.Judge(item, [2f, 1f, float.NaN, 1f], new JudgingOptions());

        Assert.True(outcome.Invalid);
        Assert.Equal(0, outcome.Value);
        Assert.Equal(0, outcome.Extras[PairwiseKind.NoPersonaExtra]);
    }

    [Theory]
    [InlineData(TiePolicy.Strict, 0.0)]
    [InlineData(TiePolicy.Half, 0.5)]
    public void A_constant_model_ties_in_both_passes(TiePolicy ties, double credit)
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I want lists.", null), Context());

        var outcome = Kind.Judge(item, [0.25f, 0.25f, 0.25f, 0.25f], new JudgingOptions(ties));

        Assert.Equal((credit, 1, credit, 1.0), (outcome.Value, outcome.Ties, outcome.Extras[PairwiseKind.NoPersonaExtra], outcome.Extras[PairwiseKind.NoPersonaTieExtra]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_persona_is_no_persona(string persona)
    {
        var item = Kind.ToItem(PromptTemplateTests.Row(persona, null), Context());

        Assert.Equal(["chosen", "rejected"], item.Requests.Select(r => r.Role));
        Assert.Equal("What now?", item.Requests[0].Request.Prompt);
    }

    [Fact]
    public void A_plain_pair_has_no_persona_extras_only_the_scored_responses()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row(null, null), Context(template: null));

        var extras = Kind.Judge(item, [2f, 1f], new JudgingOptions()).Extras;

        Assert.DoesNotContain(PairwiseKind.NoPersonaExtra, extras.Keys);
        Assert.Equal(["chars:chosen", "chars:rejected", "score:chosen", "score:rejected"], extras.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_persona_pair_reports_length_extras_of_the_persona_pass_only()
    {
        var item = Kind.ToItem(PromptTemplateTests.Row("I am vegan.", null), Context());

        var extras = Kind.Judge(item, [2f, 1f, 0f, 3f], new JudgingOptions()).Extras;

        Assert.Equal(2.0, extras["score:chosen"]);
        Assert.Equal(1.0, extras["score:rejected"]);
        Assert.DoesNotContain("score:chosen:no_persona", extras.Keys);
        Assert.Equal(0.0, extras[PairwiseKind.NoPersonaExtra]);
    }
}
