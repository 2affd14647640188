using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Kinds;

/// <summary>
/// DESIGN.md section 5 (RewardBench 2): 1/k when the chosen answer is among the k answers tied at the top,
/// else 0; with several chosen answers the row is correct when the best chosen beats every rejected.
/// </summary>
public class BestOfNJudgeTests
{
    private static readonly BestOfNKind Kind = new();
    private static readonly JudgingOptions Options = new();

    private static ItemOutcome Judge(int chosen, params float[] scores) =>
        Kind.Judge(JudgeTestItems.BestOfN(chosen, scores.Length - chosen), scores, Options);

    [Fact]
    public void Chosen_strictly_on_top_gets_full_credit()
    {
        var outcome = Judge(1, 0.9f, 0.1f, 0.5f, 0.3f);
        Assert.Equal(1.0, outcome.Value);
        Assert.Equal(0, outcome.Ties);
        Assert.False(outcome.Invalid);
    }

    [Fact]
    public void Chosen_below_top_gets_nothing()
    {
        var outcome = Judge(1, 0.5f, 0.6f, 0.5f, 0.1f);
        Assert.Equal(0.0, outcome.Value);
    }

    [Fact]
    public void Chosen_tied_with_one_rejected_at_top_gets_one_half()
    {
        var outcome = Judge(1, 0.8f, 0.8f, 0.1f, 0.2f);
        Assert.Equal(0.5, outcome.Value, 12);
        Assert.Equal(1, outcome.Ties);
    }

    [Fact]
    public void Chosen_tied_with_two_rejected_at_top_gets_one_third()
    {
        var outcome = Judge(1, 0.8f, 0.8f, 0.8f, 0.2f);
        Assert.Equal(1.0 / 3, outcome.Value, 12);
        Assert.Equal(2, outcome.Ties);
    }

    [Fact]
    public void Constant_model_gets_one_over_the_number_of_answers()
    {
        var outcome = Judge(1, 0f, 0f, 0f, 0f);
        Assert.Equal(0.25, outcome.Value, 12);
        Assert.Equal(3, outcome.Ties);
    }

    [Fact]
    public void Several_chosen_correct_when_the_best_chosen_beats_every_rejected()
    {
        // The weaker chosen answer (0.1) loses to both rejected ones; only the best chosen matters.
        Assert.Equal(1.0, Judge(2, 0.1f, 0.9f, 0.5f, 0.3f).Value);
    }

    [Fact]
    public void Several_chosen_wrong_when_a_rejected_beats_the_best_chosen()
    {
        Assert.Equal(0.0, Judge(2, 0.9f, 0.1f, 0.95f, 0.2f).Value);
    }

    [Fact]
    public void Several_chosen_tied_at_top_get_the_chosen_share_of_the_top()
    {
        // Top score 0.8 shared by one chosen and one rejected: 1 of 2 -> 0.5.
        Assert.Equal(0.5, Judge(2, 0.8f, 0.2f, 0.8f, 0.1f).Value, 12);
        // Two chosen and one rejected at the top: a random pick among the three is chosen 2/3 of the time.
        var outcome = Judge(2, 0.8f, 0.8f, 0.8f);
        Assert.Equal(2.0 / 3, outcome.Value, 12);
        Assert.Equal(2, outcome.Ties);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_score_is_invalid_and_counts_zero(float bad)
    {
        var outcome = Judge(1, 0.9f, 0.1f, bad);
        Assert.True(outcome.Invalid);
        Assert.Equal(0.0, outcome.Value);
    }
}
