using RMBench.Core.Metrics;
using RMBench.Core.Requests;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.LengthBias;

/// <summary>Spearman's rho of score vs length and accuracy split by which answer is longer, by hand.</summary>
public class LengthMetricsTests
{
    private static readonly SuiteManifest Manifest = new() { Name = "lb", Datasets = [new SuiteDataset { Path = "x.parquet", Kind = "pairwise" }] };
    private static readonly PairwiseKind Pairwise = new();

    private static SuiteItem Pair(string id, string chosen, string rejected)
    {
        IReadOnlyList<Turn> prompt = [new Turn("user", "q")];
        return new SuiteItem(id, "s", id, "pairwise",
        [
            new ItemRequest("chosen", new ScoringRequest(null, prompt, chosen)),
            new ItemRequest("rejected", new ScoringRequest(null, prompt, rejected)),
        ]);
    }

    [Fact]
    public void Spearman_gives_tied_values_their_average_rank()
    {
        // x = [1, 2, 2, 3] -> ranks [1, 2.5, 2.5, 4]; y = [10, 20, 30, 30] -> ranks [1, 2, 3.5, 3.5]; both mean 2.5.
        // deviations x [-1.5, 0, 0, 1.5], y [-1.5, -0.5, 1, 1]: sxy = 2.25 + 1.5 = 3.75, sxx = 4.5, syy = 4.5 -> rho = 3.75 / 4.5
        Assert.Equal([1, 2.5, 2.5, 4], Ranks.Average([1, 2, 2, 3]));
        Assert.Equal(3.75 / 4.5, Ranks.Spearman([1, 2, 2, 3], [10, 20, 30, 30]), 12);
        Assert.Equal(-1.0, Ranks.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(Ranks.Spearman([1, 1, 1], [1, 2, 3])), "a constant variable has no rank correlation");
    }

    [Fact]
    public void Pairwise_outcomes_carry_scores_and_lengths_and_keep_their_value()
    {
        var outcome = Pairwise.Judge(Pair("p", "héllo", "hi"), [0.5f, 0.75f], new JudgingOptions());

        Assert.Equal(0.0, outcome.Value);
        Assert.Equal(5, outcome.Extras["chars:chosen"]); // code points, not UTF-8 bytes
        Assert.Equal(2, outcome.Extras["chars:rejected"]);
        Assert.Equal(0.5, outcome.Extras["score:chosen"]);
        Assert.Equal(0.75, outcome.Extras["score:rejected"]);
    }

    [Fact]
    public void Length_correlation_is_spearman_over_every_scored_response()
    {
        // responses (length, score): (3, 1), (1, 0), (2, 5), (4, 5), (5, 9); the NaN-scored response is left out.
        // length ranks [3, 1, 2, 4, 5]; score ranks [2, 1, 3.5, 3.5, 5]; means 3.
        // deviations [0, -2, -1, 1, 2] and [-1, -2, .5, .5, 2]: sxy = 0 + 4 - .5 + .5 + 4 = 8; sxx = 10; syy = 1 + 4 + .25 + .25 + 4 = 9.5
        ItemOutcome[] outcomes =
        [
            Pairwise.Judge(Pair("a", "aaa", "a"), [1, 0], new JudgingOptions()),
            Pairwise.Judge(Pair("b", "bb", "bbbb"), [5, 5], new JudgingOptions()),
            Pairwise.Judge(Pair("c", "ccccc", "cccccc"), [9, float.NaN], new JudgingOptions()),
        ];

        var value = Assert.Single(new LengthCorrelationMetric().Compute(outcomes, Manifest));

        Assert.Equal(8 / Math.Sqrt(10 * 9.5), value.Value, 12);
        Assert.Equal(5, value.N);
    }

    [Fact]
    public void Length_split_separates_pairs_whose_chosen_answer_is_longer_shorter_or_as_long()
    {
        ItemOutcome[] outcomes =
        [
            Pairwise.Judge(Pair("a", "long answer", "short"), [2, 1], new JudgingOptions()),  // longer, right
            Pairwise.Judge(Pair("b", "long answer", "short"), [1, 2], new JudgingOptions()),  // longer, wrong
            Pairwise.Judge(Pair("c", "long answer", "short"), [3, 1], new JudgingOptions()),  // longer, right
            Pairwise.Judge(Pair("d", "short", "long answer"), [1, 2], new JudgingOptions()),  // shorter, wrong
            Pairwise.Judge(Pair("e", "same", "four"), [1, 1], new JudgingOptions(TiePolicy.Half)), // equal, tie 0.5
        ];

        var values = new LengthSplitMetric().Compute(outcomes, Manifest).ToDictionary(v => v.Key);

        Assert.Equal(2.0 / 3, values[LengthSplitMetric.LongerKey].Value, 12);
        Assert.Equal(3, values[LengthSplitMetric.LongerKey].N);
        Assert.Equal(0.0, values[LengthSplitMetric.ShorterKey].Value);
        Assert.Equal(0.5, values[LengthSplitMetric.EqualKey].Value);
    }
}
