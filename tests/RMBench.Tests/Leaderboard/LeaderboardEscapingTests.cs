using System.Text.Json;
using RMBench.Reports.Leaderboard;
using Scriban;
using Scriban.Runtime;

namespace RMBench.Tests.Leaderboard;

/// <summary>The one escaping path: HtmlText, the encoding template context, and the JSON island.</summary>
public sealed class LeaderboardEscapingTests
{
    private static string Render(string template, object model)
    {
        var context = new HtmlTemplateContext();
        var globals = new ScriptObject();
        globals.Import(model);
        context.PushGlobal(globals);
        return Template.Parse(template).Render(context);
    }

    [Fact]
    public void Every_expression_value_is_html_encoded_but_template_text_is_not()
    {
        var html = Render("<p title=\"{{ name }}\">{{ name }}</p>", new { Name = "<b onclick=\"x\">'&'</b>" });

        Assert.Equal("<p title=\"&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;\">&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;</p>", html);
    }

    [Fact]
    public void Only_trusted_html_is_written_raw()
    {
        var html = Render("{{ a }}|{{ b }}", new { A = new TrustedHtml("<i>ours</i>"), B = "<i>theirs</i>" });

        Assert.Equal("<i>ours</i>|&lt;i&gt;theirs&lt;/i&gt;", html);
    }

    [Fact]
    public void Template_syntax_inside_data_is_shown_not_evaluated()
    {
        Assert.Equal("{{ 7 * 7 }}", Render("{{ x }}", new { X = "{{ 7 * 7 }}" }));
    }

    [Fact]
    public void Numbers_are_written_with_the_invariant_culture()
    {
        Assert.Equal("0.5", Render("{{ x }}", new { X = 0.5 }));
    }

    [Fact]
    public void Output_over_a_mebibyte_and_loops_over_a_thousand_are_not_cut()
    {
        // 5000 iterations x 400 characters = 2,000,000 characters (Scriban's defaults: 1,048,576 characters, 1000 iterations).
        var items = Enumerable.Range(0, 5000).Select(_ => new string('a', 400)).ToArray();

        var html = Render("{{ for i in items }}{{ i }}{{ end }}", new { Items = items });

        Assert.Equal(2_000_000, html.Length);
    }

    [Theory]
    [InlineData("a\0b", "a\uFFFDb")]
    [InlineData("tab\tand\nnewline", "tab\tand\nnewline")]
    [InlineData("bell\u0007 c1\u0085", "bell\uFFFD c1\uFFFD")]
    [InlineData("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept")]
    public void Control_characters_and_lone_surrogates_become_replacement_characters(string input, string expected)
    {
        Assert.Equal(expected, HtmlText.Clean(input));
    }

    [Fact]
    public void A_lone_surrogate_becomes_a_replacement_character()
    {
        // Built in code: xunit's attribute serialisation would already mangle a lone surrogate.
        Assert.Equal("lone \uFFFD surrogate", HtmlText.Clean("lone " + (char)0xD800 + " surrogate"));
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("\u202Eabc", "\u2068\u202Eabc\u2069")]
    [InlineData("\u2067open isolate", "\u2068\u2067open isolate\u2069\u2069")]
    [InlineData("\u2067closed\u2069", "\u2068\u2067closed\u2069\u2069")]
    [InlineData("שלום", "\u2068שלום\u2069")]
    public void Bidi_controls_and_right_to_left_text_are_isolated_and_balanced(string input, string expected)
    {
        Assert.Equal(expected, HtmlText.Isolate(input));
    }

    [Fact]
    public void Json_for_a_script_element_cannot_close_it_and_parses_back_to_the_same_strings()
    {
        var values = HostileStrings.All.ToArray();

        var json = ScriptJson.Serialize(values);

        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain(">", json);
        Assert.DoesNotContain("&", json);
        Assert.DoesNotContain("\u2028", json);
        Assert.DoesNotContain("\u2029", json);
        Assert.Equal(values, JsonSerializer.Deserialize<string[]>(json));
    }
}
