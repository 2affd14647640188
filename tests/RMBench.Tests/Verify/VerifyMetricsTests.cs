using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Verify;

/// <summary>The verify kind and its metrics (threshold, calibration, AUROC, within-question pairwise), by hand.</summary>
public class VerifyMetricsTests
{
    private static readonly VerifyKind Kind = new();

    internal static SuiteManifest Manifest(string? options = null) => new()
    {
        Name = "verify-test",
        Datasets = [new SuiteDataset { Path = "x.parquet", Kind = "verify" }],
        Options = options is null
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(options)!,
    };

    private static DatasetRow Row(string id, string subset, string question, bool label, string? answerType = null) =>
        new(0, new Dictionary<string, object?>
        {
            ["id"] = id, ["subset"] = subset, ["question"] = question, ["reference"] = "42",
            ["completion"] = $"completion {id}", ["label"] = label, ["answer_type"] = answerType,
        });

    /// <summary>A judged verify item: the question is its cluster.</summary>
    private static ItemOutcome Judged(string id, string subset, string question, bool label, float score,
        string? answerType = null, SuiteManifest? manifest = null, TiePolicy ties = TiePolicy.Strict)
    {
        var context = new SuiteContext("verify-test", manifest ?? Manifest());
        return Kind.Judge(Kind.ToItem(Row(id, subset, question, label, answerType), context), [score], new JudgingOptions(ties));
    }

    [Fact]
    public void The_reference_reaches_the_request_and_the_prompt()
    {
        var item = Kind.ToItem(Row("a", "s", "What is 6 x 7?", true), new SuiteContext("v", Manifest()));

        var request = Assert.Single(item.Requests).Request;
        Assert.Equal("42", request.Reference);
        Assert.Equal("What is 6 x 7?\n\nReference answer: 42", request.Prompt);
        Assert.Equal("completion a", request.Response);
    }

    [Fact]
    public void An_outcome_is_right_when_score_above_the_fixed_threshold_matches_the_label()
    {
        var manifest = Manifest("""{"threshold": 0.5}""");

        Assert.Equal(1.0, Judged("a", "s", "q", true, 0.7f, manifest: manifest).Value);
        Assert.Equal(0.0, Judged("b", "s", "q", false, 0.7f, manifest: manifest).Value);
        Assert.Equal(1.0, Judged("c", "s", "q", false, 0.3f, manifest: manifest).Value);
        var atThreshold = Judged("d", "s", "q", true, 0.5f, manifest: manifest);
        Assert.Equal((0.0, 1), (atThreshold.Value, atThreshold.Ties)); // at the threshold: judged incorrect, counted as a tie
    }

    [Fact]
    public void A_threshold_that_is_not_a_number_is_invalid_input()
    {
        var error = Assert.Throws<InputException>(() => VerifyOptions.From(Manifest("""{"threshold": "high"}""")));
        Assert.Contains("options.threshold", error.Message);
    }

    [Fact]
    public void Calibration_picks_the_lowest_threshold_of_best_accuracy()
    {
        // sorted (score, label): (.1 F) (.2 F) (.3 T) (.4 F) (.5 T) (.6 T); correct items per candidate threshold:
        // -0.9: 3 | .15: 4 | .25: 5 | .35: 4 | .45: 5 | .55: 4 | 1.6: 3 -> best 5 at .25 and .45; the lowest wins.
        var threshold = VerifyAccuracyMetric.Calibrate([(0.4, false), (0.1, false), (0.6, true), (0.3, true), (0.2, false), (0.5, true)]);
        Assert.Equal(0.25, threshold, 12);

        Assert.Equal(0.0, VerifyAccuracyMetric.Calibrate([(1, true), (1, true), (2, true)]), 12); // all correct: accept all (1 below the lowest)
        Assert.Equal(3, VerifyAccuracyMetric.Calibrate([(1, false), (2, false)]), 12); // all wrong: reject all (1 above the highest)
    }

    [Fact]
    public void Calibrated_accuracy_is_reported_on_the_other_subsets_overall_and_per_answer_type()
    {
        var manifest = Manifest("""{"calibrate_on": "dev"}""");
        List<ItemOutcome> outcomes =
        [
            // dev: calibrates to 0.25 as in the test above
            Judged("d1", "dev", "q1", false, 0.1f), Judged("d2", "dev", "q1", false, 0.2f), Judged("d3", "dev", "q2", true, 0.3f),
            Judged("d4", "dev", "q2", false, 0.4f), Judged("d5", "dev", "q3", true, 0.5f), Judged("d6", "dev", "q3", true, 0.6f),
            // test at 0.25: t1 .9 T right (numeric); t2 .26 F wrong (numeric); t3 .1 F right (string); t4 .2 T wrong (string)
            Judged("t1", "test", "q4", true, 0.9f, "numeric"), Judged("t2", "test", "q4", false, 0.26f, "numeric"),
            Judged("t3", "test", "q5", false, 0.1f, "string"), Judged("t4", "test", "q5", true, 0.2f, "string"),
            Judged("t5", "test", "q6", true, 0.3f, "numeric"),
        ];

        var values = new VerifyAccuracyMetric().Compute(outcomes, manifest).ToDictionary(v => v.Key);

        Assert.Equal(0.25, values[VerifyAccuracyMetric.ThresholdKey].Value, 6);
        Assert.Equal(3.0 / 5, values[VerifyAccuracyMetric.AccuracyKey].Value, 12);
        Assert.Equal(5, values[VerifyAccuracyMetric.AccuracyKey].N);
        Assert.Equal(2.0 / 3, values["verify:accuracy:numeric"].Value, 12);
        Assert.Equal(0.5, values["verify:accuracy:string"].Value, 12);
    }

    [Fact]
    public void Calibrating_on_a_subset_the_data_lacks_is_invalid_input()
    {
        var error = Assert.Throws<InputException>(() =>
            new VerifyAccuracyMetric().Compute([Judged("a", "test", "q", true, 1f)], Manifest("""{"calibrate_on": "dve"}""")));

        Assert.Contains("'dve'", error.Message);
        Assert.Contains("subsets: test", error.Message);
    }

    [Fact]
    public void Auroc_counts_ties_as_half()
    {
        // positives [.9, .5, .5], negatives [.5, .1]: .9 beats both (2), each .5 ties .5 (0.5) and beats .1 (1) -> 5 of 6 pairs
        Assert.Equal(5.0 / 6, Ranks.Auroc([0.9, 0.5, 0.5, 0.5, 0.1], [true, true, true, false, false]), 12);
        Assert.Equal(0.5, Ranks.Auroc([1, 1, 1, 1], [true, false, true, false]), 12);

        ItemOutcome[] outcomes =
        [
            Judged("a", "s", "q1", true, 0.9f), Judged("b", "s", "q1", true, 0.5f), Judged("c", "s", "q2", true, 0.5f),
            Judged("d", "s", "q2", false, 0.5f), Judged("e", "s", "q3", false, 0.1f),
            Judged("f", "s", "q3", false, float.NaN), // invalid: left out
        ];
        var value = Assert.Single(new VerifyAurocMetric().Compute(outcomes, Manifest()));
        Assert.Equal(5.0 / 6, value.Value, 12);
        Assert.Equal(5, value.N);
    }

    [Fact]
    public void Within_question_pairwise_compares_every_correct_with_every_incorrect_completion()
    {
        // q1: correct [.8, .3] vs incorrect [.5]: .8 > .5 (1), .3 < .5 (0) -> 1/2
        // q2: correct [.4] vs incorrect [.4, .2]: tie (0 strict, 0.5 half), .4 > .2 (1) -> 1/2 strict, 3/4 half
        // q3: only correct completions -> not counted. Mean over q1, q2: strict 1/2, half 5/8.
        List<ItemOutcome> Outcomes(TiePolicy ties) =>
        [
            Judged("a", "s", "q1", true, 0.8f, ties: ties), Judged("b", "s", "q1", true, 0.3f, ties: ties), Judged("c", "s", "q1", false, 0.5f, ties: ties),
            Judged("d", "s", "q2", true, 0.4f, ties: ties), Judged("e", "s", "q2", false, 0.4f, ties: ties), Judged("f", "s", "q2", false, 0.2f, ties: ties),
            Judged("g", "s", "q3", true, 0.9f, ties: ties),
        ];

        var strict = Assert.Single(new VerifyPairwiseMetric().Compute(Outcomes(TiePolicy.Strict), Manifest()));
        var half = Assert.Single(new VerifyPairwiseMetric().Compute(Outcomes(TiePolicy.Half), Manifest()));

        Assert.Equal(0.5, strict.Value, 12);
        Assert.Equal(2, strict.N);
        Assert.Equal(5.0 / 8, half.Value, 12);
    }

    [Fact]
    public void A_question_drawn_twice_by_the_bootstrap_counts_twice()
    {
        // q1 (value 1/2) appears twice with the same ids, q2 (value 1) once: (2 x 1/2 + 1) / 3 = 2/3.
        var q1 = new[] { Judged("a", "s", "q1", true, 0.8f), Judged("b", "s", "q1", true, 0.3f), Judged("c", "s", "q1", false, 0.5f) };
        var q2 = new[] { Judged("d", "s", "q2", true, 0.9f), Judged("e", "s", "q2", false, 0.1f) };

        var value = Assert.Single(new VerifyPairwiseMetric().Compute([.. q1, .. q1, .. q2], Manifest()));

        Assert.Equal(2.0 / 3, value.Value, 12);
        Assert.Equal(3, value.N);
    }

    [Fact]
    public void Verify_metrics_are_bootstrapped_over_questions()
    {
        var outcomes = Enumerable.Range(0, 60)
            .Select(i => Judged($"i{i:D2}", "s", $"q{i / 3}", i % 2 == 0, (i * 37 % 11) / 10f))
            .ToList();
        var manifest = Manifest() with { Metrics = ["verify_accuracy", "verify_auroc", "verify_pairwise"] };

        var metrics = MetricEngine.Evaluate(outcomes, manifest, new BootstrapOptions(Resamples: 200)).Metrics.ToDictionary(m => m.Key);

        foreach (var key in new[] { VerifyAccuracyMetric.AccuracyKey, VerifyAurocMetric.Key, VerifyPairwiseMetric.Key })
            Assert.True(metrics[key].CiLow < metrics[key].CiHigh, key);
    }
}
