using RMBench.Core.Metrics;
using RMBench.Core.Requests;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Judge;

/// <summary>Votes, ties, un-swapping and the judge metrics, computed by hand.</summary>
public class JudgeVoteTests
{
    private static readonly JudgingOptions Strict = new(TiePolicy.Strict);
    private static readonly JudgingOptions Half = new(TiePolicy.Half);

    /// <summary>A rewritten pairwise item: its verdicts are given from the first-shown response's side.</summary>
    private static SuiteItem Comparisons(params string[] roles) =>
        new("i", "s", "c", "pairwise", [.. roles.Select(r => new ItemRequest(r, new ScoringRequest(null, [new Turn("user", "q")], r)))])
        {
            Attributes = new Dictionary<string, string> { [ComparisonScoring.Marker] = "1" },
        };

    private static ItemOutcome JudgePair(float chosenFirst, float rejectedFirst, JudgingOptions options) =>
        ComparisonScoring.Judge(new PairwiseKind(), Comparisons("pair|chosen-first", "pair|rejected-first"), [chosenFirst, rejectedFirst], options);

    [Fact]
    public void Votes_are_unswapped_and_summed()
    {
        // Chosen first and wins (+1); rejected first and loses (-1 from the first side, +1 for chosen): 2 > 0.
        var right = JudgePair(1, -1, Strict);
        Assert.Equal(1, right.Value);
        Assert.Equal(0, right.Ties);
        Assert.Equal(1, right.Extras[JudgeExtras.Consistent]);
        Assert.Equal(1, right.Extras[JudgeExtras.FirstWins]);

        // "A" both times: +1 and -1 -> 0: a tie, 0 strict, 0.5 half; inconsistent; first position won twice.
        var biased = JudgePair(1, 1, Strict);
        Assert.Equal((0.0, 1), (biased.Value, biased.Ties));
        Assert.Equal(0.5, JudgePair(1, 1, Half).Value);
        Assert.Equal(0, biased.Extras[JudgeExtras.Consistent]);
        Assert.Equal(2, biased.Extras[JudgeExtras.FirstWins]);

        // One tie verdict and one win for chosen: +1 > 0.
        Assert.Equal(1, JudgePair(0, -1, Strict).Value);
        // Unparsed counts 0: a lone loss makes it wrong, not a tie.
        var lost = JudgePair(float.NaN, 1, Strict);
        Assert.Equal((0.0, 0), (lost.Value, lost.Ties));
        Assert.Equal(1, lost.Extras[JudgeExtras.Unparsed]);
        Assert.Equal(0, lost.Extras[JudgeExtras.BothOrders]);
        // Both unparsed: a tie at 0 votes.
        Assert.Equal(1, JudgePair(float.NaN, float.NaN, Strict).Ties);
    }

    [Fact]
    public void Comparison_votes_credit_follows_the_tie_policy()
    {
        Assert.Equal(2, new ComparisonVotes("x", 1, 1).Sum);
        Assert.Equal(0, new ComparisonVotes("x", 1, -1).Credit(Strict));
        Assert.Equal(0.5, new ComparisonVotes("x", 1, -1).Credit(Half));
        Assert.Equal(1, new ComparisonVotes("x", 1, null).Credit(Strict));
        Assert.Equal(0, new ComparisonVotes("x", null, -1).Credit(Half));
        Assert.True(new ComparisonVotes("x", double.NaN, 0).IsTie);
    }

    [Fact]
    public void Style_matrix_cells_are_each_comparisons_vote_credit()
    {
        var kind = new StyleMatrixKind();
        var names = kind.Comparisons(new SuiteItem("i", "s", "c", "style-matrix", [])).Select(c => c.Name).ToList();
        Assert.Equal(["m00", "m01", "m02", "m10", "m11", "m12", "m20", "m21", "m22"], names);
        // m00 won twice, m01 lost twice, m02 a 1-1 tie, the rest won once with one tie verdict.
        double?[] chosen = [1, -1, 1, 1, 1, 1, 1, 1, 1];
        double?[] rejected = [1, -1, -1, 0, 0, 0, 0, 0, 0];
        var votes = names.Select((n, k) => new ComparisonVotes(n, chosen[k], rejected[k])).ToList();
        var outcome = kind.JudgeComparisons(new SuiteItem("i", "s", "c", "style-matrix", []), votes, Half);
        Assert.Equal(1, outcome.Extras["m00"]);
        Assert.Equal(0, outcome.Extras["m01"]);
        Assert.Equal(0.5, outcome.Extras["m02"]);
        Assert.Equal(1, outcome.Ties);
        Assert.Equal(7.5 / 9, outcome.Value, 12);
    }

    [Fact]
    public void Judge_metrics_sum_over_comparisons()
    {
        ItemOutcome Outcome(string id, double verdicts, double unparsed, double decisive, double firstWins, double both, double consistent) =>
            new(id, "s", id, 1, 0, false)
            {
                Extras = new Dictionary<string, double>
                {
                    [JudgeExtras.Verdicts] = verdicts, [JudgeExtras.Unparsed] = unparsed, [JudgeExtras.Decisive] = decisive,
                    [JudgeExtras.FirstWins] = firstWins, [JudgeExtras.BothOrders] = both, [JudgeExtras.Consistent] = consistent,
                },
            };
        ItemOutcome[] outcomes = [Outcome("a", 2, 0, 2, 2, 1, 0), Outcome("b", 2, 1, 1, 0, 0, 0), Outcome("c", 2, 0, 2, 1, 1, 1)];
        var manifest = Core.Suites.SuiteManifest.ForFile("x.parquet", "pairwise");

        var consistency = Assert.Single(new PositionConsistencyMetric().Compute(outcomes, manifest));
        Assert.Equal((0.5, 2), (consistency.Value, consistency.N));
        var firstWins = Assert.Single(new FirstPositionWinRateMetric().Compute(outcomes, manifest));
        Assert.Equal((3.0 / 5, 5), (firstWins.Value, firstWins.N));
        var unparsed = new JudgeUnparsedMetric().Compute(outcomes, manifest);
        Assert.Equal(1.0 / 6, unparsed.Single(v => v.Key == "judge_unparsed").Value, 12);
        Assert.Equal(1.0, unparsed.Single(v => v.Key == JudgeUnparsedMetric.CountKey).Value);
        // Outcomes of a pointwise run carry no judge extras: no values.
        Assert.Empty(new PositionConsistencyMetric().Compute([new ItemOutcome("a", "s", "a", 1, 0, false)], manifest));
    }
}
