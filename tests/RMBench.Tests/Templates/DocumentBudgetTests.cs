using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Tests.Templates;

public class DocumentBudgetTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("héllo wörld", 3)] // 11 code points -> ceil(11 / 4) = 3
    [InlineData("😀😀😀😀😀", 2)] // 5 code points (10 UTF-16 units) -> 2
    public void Tokens_are_estimated_as_code_points_over_four_rounded_up(string text, int tokens) =>
        Assert.Equal(tokens, DocumentBudget.EstimateTokens(text));

    [Fact]
    public void Documents_are_kept_while_they_fit_then_one_is_cut_at_a_word_and_the_rest_dropped()
    {
        var budget = DocumentBudget.For(PromptTemplateTests.Manifest(null, """{"document_budget_tokens": 25}"""));
        // 40 code points = 10 tokens each; 10 + 10 leaves 5 tokens (20 code points) for the third document.
        var doc = "aaaa bbbb cccc dddd eeee ffff gggg hhhh."[..40];
        var third = "one two three four five six seven eight";

        var (documents, truncated) = budget.Apply([doc, doc, third, "never reached"]);

        Assert.True(truncated);
        // The longest prefix of at most 20 code points ending before a space: "one two three four" (18).
        Assert.Equal([doc, doc, "one two three four"], documents);
    }

    [Fact]
    public void Documents_within_the_budget_are_not_truncated()
    {
        var budget = DocumentBudget.For(PromptTemplateTests.Manifest(null, """{"document_budget_tokens": 20}"""));

        var (documents, truncated) = budget.Apply(["12345678", "1234"]); // 2 + 1 tokens

        Assert.False(truncated);
        Assert.Equal(["12345678", "1234"], documents);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("\"300\"")]
    public void A_budget_that_is_not_a_positive_integer_is_an_input_error(string value)
    {
        var error = Assert.Throws<InputException>(() => DocumentBudget.For(PromptTemplateTests.Manifest(null, $$"""{"document_budget_tokens": {{value}}}""")));

        Assert.Contains("document_budget_tokens", error.Problems[0].Message);
        Assert.Equal("suites/demo/suite.json", error.Problems[0].Source);
    }
}
