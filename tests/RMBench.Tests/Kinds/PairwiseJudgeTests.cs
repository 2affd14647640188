using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Kinds;

/// <summary>DESIGN.md section 5: 1 if score(chosen) &gt; score(rejected); ties 0 (strict) or 0.5 (half), always counted.</summary>
public class PairwiseJudgeTests
{
    private static readonly PairwiseKind Kind = new();
    private static readonly JudgingOptions Strict = new(TiePolicy.Strict);
    private static readonly JudgingOptions Half = new(TiePolicy.Half);

    [Fact]
    public void Chosen_above_rejected_is_correct()
    {
        var outcome = Kind.Judge(JudgeTestItems.Pair(), [1.5f, -0.25f], Strict);
        Assert.Equal(1.0, outcome.Value);
        Assert.Equal(0, outcome.Ties);
        Assert.False(outcome.Invalid);
        Assert.Equal(("p1", "subset-a", "cluster-1"), (outcome.Id, outcome.Subset, outcome.Cluster));
    }

    [Fact]
    public void Chosen_below_rejected_is_wrong()
    {
        var outcome = Kind.Judge(JudgeTestItems.Pair(), [0.1f, 0.2f], Half);
        Assert.Equal(0.0, outcome.Value);
        Assert.Equal(0, outcome.Ties);
    }

    [Fact]
    public void Strict_tie_counts_zero_and_is_counted()
    {
        var outcome = Kind.Judge(JudgeTestItems.Pair(), [0.7f, 0.7f], Strict);
        Assert.Equal(0.0, outcome.Value);
        Assert.Equal(1, outcome.Ties);
        Assert.False(outcome.Invalid);
    }

    [Fact]
    public void Half_tie_counts_one_half_and_is_counted()
    {
        var outcome = Kind.Judge(JudgeTestItems.Pair(), [0.7f, 0.7f], Half);
        Assert.Equal(0.5, outcome.Value);
        Assert.Equal(1, outcome.Ties);
    }

    [Fact]
    public void Default_options_are_strict() =>
        Assert.Equal(0.0, Kind.Judge(JudgeTestItems.Pair(), [3f, 3f], new JudgingOptions()).Value);

    [Theory]
    [InlineData(float.NaN, 0f)]
    [InlineData(0f, float.NaN)]
    [InlineData(float.PositiveInfinity, 0f)]
    [InlineData(0f, float.NegativeInfinity)]
    public void Non_finite_score_is_invalid_and_counts_zero(float chosen, float rejected)
    {
        var outcome = Kind.Judge(JudgeTestItems.Pair(), [chosen, rejected], Half);
        Assert.True(outcome.Invalid);
        Assert.Equal(0.0, outcome.Value);
        Assert.Equal(0, outcome.Ties);
    }
}
