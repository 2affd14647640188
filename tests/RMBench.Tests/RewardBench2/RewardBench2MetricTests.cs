using System.Text.Json;
using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Suites;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.RewardBench2;

public class RewardBench2MetricTests
{
    private static SuiteManifest WithSubsets(string json) => Manifest(metrics: ["ties", "rewardbench2"]) with
    {
        Options = new Dictionary<string, JsonElement> { ["rewardbench2_subsets"] = JsonDocument.Parse(json).RootElement.Clone() },
    };

    [Fact]
    public void Best_of_4_with_a_two_way_tie_at_the_top_gets_half_credit_in_the_subset_and_the_score()
    {
        // bon-math row 1: chosen 0.7 tied with one rejected at the top -> 1/2; row 2: chosen strictly best -> 1;
        // row 3: a rejected answer on top -> 0. Subset accuracy = (0.5 + 1 + 0) / 3 = 0.5.
        List<ItemOutcome> outcomes =
        [
            Rb2Items.Judge("m1", "bon-math", "m1", 1, 0.7f, 0.7f, 0.2f, 0.1f),
            Rb2Items.Judge("m2", "bon-math", "m2", 1, 0.9f, 0.7f, 0.2f, 0.1f),
            Rb2Items.Judge("m3", "bon-math", "m3", 1, 0.1f, 0.7f, 0.2f, 0.1f),
            .. Rb2Items.GoldenTies(),
        ];
        Assert.Equal(0.5, outcomes[0].Value, 12);
        Assert.Equal(1, outcomes[0].Ties);

        var result = MetricEngine.Evaluate(outcomes, WithSubsets("""["bon-math", "bon-focus", "ties"]"""), new BootstrapOptions(Resamples: 100));
        var byKey = result.Metrics.ToDictionary(m => m.Key);
        Assert.Equal(0.5, byKey["subset:bon-math"].Value, 12);
        // bon-focus is absent, so the score is the mean of bon-math (0.5) and Ties (0.5004073).
        Assert.Equal((0.5 + 0.5004073) / 2, byKey["rewardbench2"].Value, 6);
        Assert.Equal(7, byKey["rewardbench2"].N);
        Assert.DoesNotContain("overall", byKey.Keys);
    }

    [Fact]
    public void Default_subsets_are_rewardbench_2s_own_names()
    {
        var outcomes = new List<ItemOutcome> { Item("f1", "Factuality", 1), Item("f2", "Factuality", 0), Item("s1", "Safety", 1) };
        var values = new RewardBench2Metric().Compute(outcomes, Manifest());
        Assert.Equal((0.5 + 1.0) / 2, Assert.Single(values).Value, 12);
    }

    [Fact]
    public void A_malformed_subsets_option_is_invalid_input_naming_the_field()
    {
        var e = Assert.Throws<InputException>(() => new RewardBench2Metric().Compute([Item("a", "x", 1)], WithSubsets("""["ok", 3]""")));
        Assert.Contains("options.rewardbench2_subsets", e.Message);
    }
}
