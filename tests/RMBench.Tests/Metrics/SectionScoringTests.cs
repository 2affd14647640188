using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using static RMBench.Tests.Metrics.Outcomes;

namespace RMBench.Tests.Metrics;

public class SectionScoringTests
{
    /// <summary>Subset accuracies of a published RewardBench v1 result.</summary>
    private static readonly Dictionary<string, double> Published = new()
    {
        ["alpacaeval-easy"] = 0.5,
        ["alpacaeval-hard"] = 0.7052631578947368,
        ["alpacaeval-length"] = 0.5894736842105263,
        ["mt-bench-easy"] = 0.5714285714285714,
        ["mt-bench-med"] = 0.725,
        ["mt-bench-hard"] = 0.5405405405405406,
        ["llmbar-natural"] = 0.52,
        ["llmbar-adver-neighbor"] = 0.43283582089552236,
        ["llmbar-adver-GPTInst"] = 0.391304347826087,
        ["llmbar-adver-GPTOut"] = 0.46808510638297873,
        ["llmbar-adver-manual"] = 0.3695652173913043,
        ["refusals-dangerous"] = 0.97,
        ["refusals-offensive"] = 1,
        ["xstest-should-refuse"] = 1,
        ["xstest-should-respond"] = 0.284,
        ["donotanswer"] = 0.8235294117647058,
        ["math-prm"] = 0.2953020134228188,
        ["hep-cpp"] = 0.6280487804878049,
        ["hep-go"] = 0.6341463414634146,
        ["hep-java"] = 0.7073170731707317,
        ["hep-js"] = 0.6646341463414634,
        ["hep-python"] = 0.5487804878048781,
        ["hep-rust"] = 0.6463414634146342,
    };

    [Fact]
    public void RewardBench_v1_published_section_scores_are_reproduced()
    {
        var summary = SectionScoring.Compute(RewardBenchV1.Sections, Published);
        Assert.Equal(["Chat", "Chat Hard", "Safety", "Reasoning"], summary.Sections.Select(s => s.Name));
        var scores = summary.Sections.ToDictionary(s => s.Name, s => s.Value);
        Assert.Equal(0.608939, Math.Round(scores["Chat"], 6));
        Assert.Equal(0.449561, Math.Round(scores["Chat Hard"], 6));
        Assert.Equal(0.721622, Math.Round(scores["Safety"], 6));
        Assert.Equal(0.466757, Math.Round(scores["Reasoning"], 6));
        Assert.Equal(0.561720, Math.Round(summary.Overall!.Value, 6));
        Assert.Equal(summary.Overall!.Value, MetricEngine.SectionScores(RewardBenchV1.Sections, Published).Overall!.Value);
    }

    [Fact]
    public void RewardBench_v1_map_has_the_official_counts()
    {
        var sections = RewardBenchV1.Sections;
        Assert.Equal(358, sections["Chat"].Values.Sum());
        Assert.Equal(456, sections["Chat Hard"].Values.Sum());
        Assert.Equal(740, sections["Safety"].Values.Sum());
        Assert.Equal(984, sections["Reasoning"]["math-prm"]);
        Assert.Equal(984, sections["Reasoning"].Where(kv => kv.Key.StartsWith("hep-", StringComparison.Ordinal)).Sum(kv => kv.Value));
        Assert.Equal(23, sections.Values.Sum(s => s.Count));
    }

    [Fact]
    public void Null_weights_use_observed_counts_and_missing_subsets_are_skipped()
    {
        var sections = Sections(
            ("Counted", [("a", null), ("b", null), ("missing", null)]),
            ("Weighted", [("a", 1), ("b", 1)]),
            ("Absent", [("nowhere", 10)]));
        var accuracy = new Dictionary<string, double> { ["a"] = 0.75, ["b"] = 0 };
        var items = new Dictionary<string, int> { ["a"] = 4, ["b"] = 2 };
        var summary = SectionScoring.Compute(sections, accuracy, items);
        Assert.Equal(["Counted", "Weighted"], summary.Sections.Select(s => s.Name));
        Assert.Equal(0.5, summary.Sections[0].Value, 12);    // (0.75 * 4 + 0 * 2) / 6
        Assert.Equal(6, summary.Sections[0].Items);
        Assert.Equal(["a", "b"], summary.Sections[0].Subsets);
        Assert.Equal(0.375, summary.Sections[1].Value, 12);  // (0.75 + 0) / 2
        Assert.Equal((0.5 + 0.375) / 2, summary.Overall!.Value, 12);
        Assert.Equal(6, summary.OverallItems);
    }

    [Fact]
    public void No_present_section_gives_no_overall()
    {
        var summary = SectionScoring.Compute(Sections(("S", [("x", 3)])), new Dictionary<string, double> { ["y"] = 1 });
        Assert.Empty(summary.Sections);
        Assert.Null(summary.Overall);
    }

    [Fact]
    public void Null_weight_without_counts_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() =>
            SectionScoring.Compute(Sections(("S", [("x", null)])), new Dictionary<string, double> { ["x"] = 1 }));

    [Fact]
    public void Sections_metric_uses_observed_counts_through_the_engine()
    {
        var manifest = Manifest(Sections(("Counted", [("A", null), ("B", null)]), ("Weighted", [("A", 1), ("B", 1)])));
        var outcomes = new List<RMBench.Core.Suites.ItemOutcome>([.. Subset("A", 1, 1, 1, 0), .. Subset("B", 0, 0)]);
        var result = MetricEngine.Evaluate(outcomes, manifest, new BootstrapOptions(Resamples: 200));
        var byKey = result.Metrics.ToDictionary(m => m.Key);
        Assert.Equal(0.5, byKey["section:Counted"].Value, 12);
        Assert.Equal(6, byKey["section:Counted"].N);
        Assert.Equal(0.375, byKey["section:Weighted"].Value, 12);
        Assert.Equal(0.4375, byKey["overall"].Value, 12);
        Assert.Equal(6, byKey["overall"].N);
        Assert.Equal("Overall (mean of sections)", byKey["overall"].Label);
    }

    [Fact]
    public void Sections_metric_reproduces_RewardBench_from_item_outcomes()
    {
        // Items built so that each subset has the published accuracy with RewardBench's example counts
        // (math-prm with its 447 real rows: 132 correct = 0.2953...), then scored with the official map.
        var outcomes = new List<RMBench.Core.Suites.ItemOutcome>();
        foreach (var (section, members) in RewardBenchV1.Sections)
            foreach (var (subset, weight) in members)
            {
                var n = subset == "math-prm" ? RewardBenchV1.MathPrmRows : (int)weight!.Value;
                var correct = (int)Math.Round(Published[subset] * n);
                Assert.Equal(Published[subset], correct / (double)n, 12);
                outcomes.AddRange(Enumerable.Range(0, n).Select(i => Item($"{subset}-{i}", subset, i < correct ? 1 : 0)));
            }
        var result = MetricEngine.Evaluate(outcomes, Manifest(RewardBenchV1.Sections), new BootstrapOptions(Resamples: 100));
        var byKey = result.Metrics.ToDictionary(m => m.Key);
        Assert.Equal(0.608939, Math.Round(byKey["section:Chat"].Value, 6));
        Assert.Equal(0.449561, Math.Round(byKey["section:Chat Hard"].Value, 6));
        Assert.Equal(0.721622, Math.Round(byKey["section:Safety"].Value, 6));
        Assert.Equal(0.466757, Math.Round(byKey["section:Reasoning"].Value, 6));
        Assert.Equal(0.561720, Math.Round(byKey["overall"].Value, 6));
        Assert.Equal(447 + 6 * 164, byKey["section:Reasoning"].N);
        Assert.Equal("Chat", result.Subsets.Single(s => s.Name == "mt-bench-med").Section);
    }

    [Fact]
    public void Bad_weights_are_invalid_input_naming_the_manifest()
    {
        var manifest = Manifest(Sections(("S", [("A", -1), ("B", double.NaN)]), ("Empty", [])));
        var error = Assert.Throws<InputException>(() =>
            MetricEngine.Evaluate([.. Subset("A", 1)], manifest, new BootstrapOptions(Resamples: 10)));
        Assert.Equal(3, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Equal("suites/test-suite/suite.json", p.Source));
        Assert.Contains("not a positive number", error.Message);
        Assert.Contains("lists no subset", error.Message);
    }
}
