using RMBench.Reports;

namespace RMBench.Tests.Reports;

public class MarkdownTests
{
    [Theory]
    [InlineData("plain-text name", "plain-text name")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("line1\r\nline2\nline3", "line1 line2 line3")]
    [InlineData("  padded\n", "padded")]
    [InlineData("*em* _u_ `c` [l](u) <b> & $x$ ~s~ !#", @"\*em\* \_u\_ \`c\` \[l\](u) \<b\> \& \$x\$ \~s\~ \!\#")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData(null, "")]
    public void Escape_neutralises_markup(string? input, string expected) =>
        Assert.Equal(expected, Markdown.Escape(input));

    [Theory]
    [InlineData("abc", "`abc`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x`", "`` `x` ``")]
    [InlineData("a|b\nc", @"`a\|b c`")]
    public void Code_spans_use_a_long_enough_fence(string input, string expected) =>
        Assert.Equal(expected, Markdown.Code(input));

    [Theory]
    [InlineData(0.60894, 4, "0.6089")]
    [InlineData(1, 4, "1.0000")]
    [InlineData(-0.00001, 4, "0.0000")]
    [InlineData(-0.25, 2, "-0.25")]
    [InlineData(double.NaN, 4, "n/a")]
    [InlineData(double.PositiveInfinity, 4, "n/a")]
    public void Numbers_are_invariant_with_fixed_decimals(double value, int decimals, string expected) =>
        Assert.Equal(expected, Markdown.Number(value, decimals));

    [Fact]
    public void Table_escapes_cells_and_aligns_columns()
    {
        var table = Markdown.Table(["Name", "N"], [["a|b", "1"], ["short"]], [Markdown.Align.Left, Markdown.Align.Right]);
        Assert.Equal("| Name | N |\n| --- | ---: |\n| a\\|b | 1 |\n| short |  |\n", table);
    }

    [Fact]
    public void Raw_cells_are_kept_but_cannot_break_the_row()
    {
        var table = Markdown.Table(["CI", "Name"], [[Markdown.Cell.Raw("[0.5000, 0.6000]\nnext"), "[x]"]]);
        Assert.Equal("| CI | Name |\n| --- | --- |\n| [0.5000, 0.6000] next | \\[x\\] |\n", table);
    }

    [Fact]
    public void Table_rejects_rows_wider_than_the_header() =>
        Assert.Throws<ArgumentException>(() => Markdown.Table(["A"], [["1", "2"]]));
}
