using RMBench.Core.Text;

namespace RMBench.Tests;

public class SuggestTests
{
    [Fact]
    public void Closest_name_is_suggested_for_a_typo() =>
        Assert.Equal("general", Suggest.Closest("generl", ["general", "rag", "verify"]));

    [Fact]
    public void Nothing_is_suggested_for_an_unrelated_name() =>
        Assert.Null(Suggest.Closest("zzzzzzzz", ["general", "rag"]));
}
