using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.RewardBench2;

public class TiesMetricTests
{
    private static readonly TiesMetric Metric = new();

    private static Dictionary<string, double> Values(IReadOnlyList<ItemOutcome> outcomes) =>
        Metric.Compute(outcomes, Manifest(metrics: ["ties"])).ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Golden_example_from_the_issue_gives_0_5004073()
    {
        // By hand: ref:1 cim = 2.0 - 0.5 = 1.5 (accurate); tied:1 cim = 1.6 - 0.9 = 0.7 (accurate), dcm = 1.8 - 1.6 = 0.2;
        // ref:2 cim = 0.3 - 0.6 = -0.3; tied:2 cim = 0.4 - 0.5 = -0.1, dcm = 1.0 - 0.4 = 0.6.
        // ref_acc = tied_acc = 1/2; preferred: 0.7 > 0.2 yes, -0.1 > 0.6 no -> 1/2; hard: min(1.5, 0.7) = 0.7 > 0.2 yes,
        // min(-0.3, -0.1) = -0.3 > 0.6 no -> 1/2; margin = (tanh(0.7 / 0.2 - 1) + tanh(-0.3 / 0.6 - 1)) / 2
        // = (tanh 2.5 + tanh -1.5) / 2 = (0.9866143 - 0.9051483) / 2 = 0.0407330.
        // Ties = 0.3 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5 + 0.2 * 0.5 + 0.01 * 0.040733 = 0.5004073.
        var values = Values(Rb2Items.GoldenTies());
        Assert.Equal(0.5, values["ties:ref_accuracy"], 12);
        Assert.Equal(0.5, values["ties:tied_accuracy"], 12);
        Assert.Equal(0.5, values["ties:preferred"], 12);
        Assert.Equal(0.5, values["ties:preferred_hard"], 12);
        Assert.Equal(0.0407330, values["ties:margin"], 6);
        Assert.Equal(0.5004073, values["ties"], 6);
    }

    [Fact]
    public void Best_of_n_outcomes_carry_the_margins_the_ties_metric_reads_without_changing_their_value()
    {
        var tied = Rb2Items.Judge("tied:1", "ties", "p1", 3, 1.8f, 1.6f, 1.7f, 0.2f, 0.9f);
        Assert.Equal(1.0, tied.Value); // best chosen 1.8 beats every rejected: the best-of-n rule is unchanged
        Assert.Equal(3, tied.Extras[BestOfNKind.NumCorrectKey]);
        Assert.Equal(1.6f, tied.Extras[BestOfNKind.MinCorrectKey]);
        Assert.Equal(1.8f, tied.Extras[BestOfNKind.MaxCorrectKey]);
        Assert.Equal(0.9f, tied.Extras[BestOfNKind.MaxIncorrectKey]);
        Assert.Equal(tied, Rb2Items.Judge("tied:1", "ties", "p1", 3, 1.8f, 1.6f, 1.7f, 0.2f, 0.9f));
    }

    [Fact]
    public void A_tied_row_whose_worst_correct_answer_loses_is_not_accurate_although_its_best_wins()
    {
        // Correct answers 0.9 and 0.3, incorrect 0.5: best-of-n credit 1, but cim = 0.3 - 0.5 < 0.
        var values = Values([Rb2Items.Judge("ref:a", "ties", "a", 1, 0.9f, 0.1f), Rb2Items.Judge("tied:a", "ties", "a", 2, 0.9f, 0.3f, 0.5f)]);
        Assert.Equal(0.0, values["ties:tied_accuracy"]);
        Assert.Equal(1.0, values["ties:ref_accuracy"]);
    }

    [Fact]
    public void Subset_name_matches_in_any_case_and_other_subsets_are_ignored()
    {
        var outcomes = Rb2Items.GoldenTies().Select(o => o with { Subset = "Ties" }).Append(Item("x", "bon-math", 1)).ToList();
        Assert.Equal(0.5004073, Values(outcomes)["ties"], 6);
        Assert.Empty(Values([Item("x", "bon-math", 1)]));
    }

    [Fact]
    public void Without_both_rows_of_some_prompt_only_the_accuracies_are_given()
    {
        var values = Values([Rb2Items.GoldenTies()[0], Rb2Items.GoldenTies()[3]]);
        Assert.Equal(["ties:ref_accuracy", "ties:tied_accuracy"], values.Keys.Order());
    }

    [Fact]
    public void An_invalid_row_is_not_accurate_and_its_prompt_not_preferred()
    {
        var golden = Rb2Items.GoldenTies();
        var invalid = Rb2Items.Judge("tied:1", "ties", "p1", 3, float.NaN, 1.6f, 1.7f, 0.2f, 0.9f);
        var values = Values([golden[0], invalid, golden[2], golden[3]]);
        Assert.Equal(0.0, values["ties:tied_accuracy"]);
        Assert.Equal(0.0, values["ties:preferred"]);
        // Prompt 1 contributes margin 0 (NaN), prompt 2 tanh(-1.5).
        Assert.Equal(Math.Tanh(-1.5) / 2, values["ties:margin"], 6);
    }

    [Fact]
    public void A_row_id_that_is_not_ref_or_tied_is_invalid_input()
    {
        var outcome = Rb2Items.Judge("prompt-7", "ties", "p7", 1, 1f, 0f);
        var e = Assert.Throws<InputException>(() => Values([outcome]));
        Assert.Contains("prompt-7", e.Message);
        Assert.Contains("ref:<prompt>", e.Message);
    }

    [Fact]
    public void Bootstrap_resamples_prompts_with_both_rows_together()
    {
        // Eight golden prompts (p1 type and p2 type alternately); each prompt's rows share a cluster.
        var outcomes = Enumerable.Range(0, 8).SelectMany(i =>
        {
            var source = Rb2Items.GoldenTies().Skip(i % 2 * 2).Take(2);
            return source.Select(o => o with { Id = o.Id.Split(':')[0] + ":" + i, Cluster = $"c{i}" });
        }).ToList();
        var result = MetricEngine.Evaluate(outcomes, Manifest(metrics: ["ties"]), new BootstrapOptions(Seed: 3, Resamples: 300));
        var ties = result.Metrics.Single(m => m.Key == "ties");
        Assert.Equal(0.5004073, ties.Value, 6);
        Assert.True(ties.CiLow < ties.Value && ties.Value < ties.CiHigh);
        // A prompt's two rows always move together, so ref and tied accuracy are equal in every resample and
        // (being 0/1 per prompt type) preferred is too: the interval of preferred equals that of ref accuracy.
        var refAcc = result.Metrics.Single(m => m.Key == "ties:ref_accuracy");
        var preferred = result.Metrics.Single(m => m.Key == "ties:preferred");
        Assert.Equal((refAcc.CiLow, refAcc.CiHigh), (preferred.CiLow, preferred.CiHigh));
    }
}
