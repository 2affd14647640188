using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Metrics;
using RMBench.Core.Requests;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;
using RMBench.Tests.Data;

namespace RMBench.Tests.LengthBias;

/// <summary>The style-matrix kind's nine cells and RM-Bench's hard/normal/easy (DESIGN.md section 5), computed by hand.</summary>
public class StyleMatrixTests
{
    private static readonly StyleMatrixKind Kind = new();
    private static readonly SuiteManifest Manifest = new() { Name = "lb", Datasets = [new SuiteDataset { Path = "x.parquet", Kind = "style-matrix" }] };

    internal static SuiteItem Item(string id, string domain)
    {
        IReadOnlyList<Turn> prompt = [new Turn("user", $"prompt of {id}")];
        var requests = new List<ItemRequest>();
        for (var i = 0; i < 3; i++) requests.Add(new ItemRequest($"chosen:{i}", new ScoringRequest(null, prompt, $"good {id} {i}")));
        for (var j = 0; j < 3; j++) requests.Add(new ItemRequest($"rejected:{j}", new ScoringRequest(null, prompt, $"bad {id} {j}")));
        return new SuiteItem(id, domain, $"cluster-{id}", "style-matrix", requests);
    }

    private static ItemOutcome Judge(string id, string domain, float[] chosen, float[] rejected, TiePolicy ties = TiePolicy.Strict) =>
        Kind.Judge(Item(id, domain), [.. chosen, .. rejected], new JudgingOptions(ties));

    [Fact]
    public void The_nine_cells_compare_each_chosen_style_with_each_rejected_style()
    {
        // chosen [3, 5, 7] vs rejected [4, 6, 2]:
        //   m00 3>4 0, m01 3>6 0, m02 3>2 1 | m10 5>4 1, m11 5>6 0, m12 5>2 1 | m20 7>4 1, m21 7>6 1, m22 7>2 1
        var outcome = Judge("a", "chat", [3, 5, 7], [4, 6, 2]);

        double[] expected = [0, 0, 1, 1, 0, 1, 1, 1, 1];
        for (var k = 0; k < 9; k++) Assert.Equal(expected[k], outcome.Extras[StyleMatrixKind.CellKey(k / 3, k % 3)]);
        Assert.Equal(6.0 / 9, outcome.Value, 12);
        Assert.Equal(0, outcome.Ties);
    }

    [Fact]
    public void Tied_cells_follow_the_tie_policy_and_are_counted()
    {
        // chosen [4, 6, 6] vs rejected [4, 6, 1]: ties at m00 (4=4), m11 (6=6), m21 (6=6).
        var strict = Judge("a", "chat", [4, 6, 6], [4, 6, 1]);
        var half = Judge("a", "chat", [4, 6, 6], [4, 6, 1], TiePolicy.Half);

        Assert.Equal(3, strict.Ties);
        Assert.Equal(0.0, strict.Extras["m00"]);
        Assert.Equal(0.5, half.Extras["m00"]);
        Assert.Equal(0.5, half.Extras["m21"]);
        // strict wins: m02 4>1, m10 6>4, m12 6>1, m20 6>4, m22 6>1 = 5; half adds 3 x 0.5.
        Assert.Equal(5.0 / 9, strict.Value, 12);
        Assert.Equal(6.5 / 9, half.Value, 12);
    }

    [Fact]
    public void Hard_normal_and_easy_are_the_upper_triangle_diagonal_and_lower_triangle_averaged_over_domains()
    {
        // chat, prompt 1: chosen [3, 5, 7] vs rejected [4, 6, 2] -> rows [0 0 1 | 1 0 1 | 1 1 1]
        // chat, prompt 2: chosen [1, 2, 3] vs rejected [9, 9, 9] -> all 0
        //   M_chat = [0 0 .5 | .5 0 .5 | .5 .5 .5]: hard = (0 + .5 + .5)/3 = 1/3, normal = (0 + 0 + .5)/3 = 1/6,
        //   easy = (.5 + .5 + .5)/3 = 1/2; chat = (1/3 + 1/6 + 1/2)/3 = 1/3
        // safety, one prompt: chosen [9, 9, 9] vs rejected [1, 2, 3] -> all 1: hard = normal = easy = 1; safety = 1
        // overall = (1/3 + 1)/2 = 2/3; hard = (1/3 + 1)/2 = 2/3; normal = (1/6 + 1)/2 = 7/12; easy = (1/2 + 1)/2 = 3/4
        ItemOutcome[] outcomes =
        [
            Judge("c1", "chat", [3, 5, 7], [4, 6, 2]),
            Judge("c2", "chat", [1, 2, 3], [9, 9, 9]),
            Judge("s1", "safety", [9, 9, 9], [1, 2, 3]),
        ];

        var values = new RmBenchMetric().Compute(outcomes, Manifest).ToDictionary(v => v.Key, v => v.Value);

        Assert.Equal(2.0 / 3, values[RmBenchMetric.OverallKey], 12);
        Assert.Equal(2.0 / 3, values[RmBenchMetric.HardKey], 12);
        Assert.Equal(7.0 / 12, values[RmBenchMetric.NormalKey], 12);
        Assert.Equal(3.0 / 4, values[RmBenchMetric.EasyKey], 12);
        Assert.Equal(1.0 / 3, values["rm_bench:domain:chat"], 12);
        Assert.Equal(1.0 / 3, values["rm_bench:domain:chat:hard"], 12);
        Assert.Equal(1.0 / 6, values["rm_bench:domain:chat:normal"], 12);
        Assert.Equal(1.0 / 2, values["rm_bench:domain:chat:easy"], 12);
        Assert.Equal(1.0, values["rm_bench:domain:safety"], 12);
        // M[0][2] = mean over domains of (0.5, 1) = 0.75; M[0][0] = mean of (0, 1) = 0.5
        Assert.Equal(0.75, values["rm_bench:m02"], 12);
        Assert.Equal(0.5, values["rm_bench:m00"], 12);
    }

    [Fact]
    public void An_invalid_item_counts_zero_in_every_cell_and_other_kinds_are_ignored()
    {
        ItemOutcome[] outcomes =
        [
            Judge("c1", "chat", [9, 9, 9], [1, 2, 3]),
            Judge("c2", "chat", [float.NaN, 9, 9], [1, 2, 3]),
            new("p1", "chat", "p1", 1, 0, false), // a pairwise outcome: no cells
        ];

        var values = new RmBenchMetric().Compute(outcomes, Manifest).ToDictionary(v => v.Key);

        Assert.True(outcomes[1].Invalid);
        Assert.Equal(0.5, values[RmBenchMetric.OverallKey].Value, 12);
        Assert.Equal(2, values[RmBenchMetric.OverallKey].N);
    }

    [Fact]
    public void The_rm_bench_metric_is_bootstrapped_over_prompts()
    {
        var outcomes = Enumerable.Range(0, 40)
            .Select(i => Judge($"i{i:D2}", i % 2 == 0 ? "chat" : "code", [i % 3, 1, 2], [1, i % 4, 1]))
            .ToList();
        var manifest = Manifest with { Metrics = ["rm_bench"] };

        var metrics = MetricEngine.Evaluate(outcomes, manifest, new BootstrapOptions(Resamples: 200)).Metrics.ToDictionary(m => m.Key);

        var hard = metrics[RmBenchMetric.HardKey];
        Assert.True(hard.CiLow < hard.Value && hard.Value < hard.CiHigh, $"{hard.CiLow} {hard.Value} {hard.CiHigh}");
    }

    [Fact]
    public async Task A_row_without_exactly_three_answers_per_side_is_rejected_with_its_row_and_column()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "sm.parquet");
        await TestParquet.WriteAsync(path, TestParquet.Strings("id", "a", "b"), TestParquet.Strings("subset", "s", "s"),
            TestParquet.Strings("prompt", "p", "q"),
            TestParquet.StringLists("chosen", ["1", "2", "3"], ["1", "2"]),
            TestParquet.StringLists("rejected", ["1", "2", "3"], ["1", "2", "3"]));

        var error = await Assert.ThrowsAsync<InputException>(() => ParquetDatasetReader.ReadAsync(path, Kind.Schema));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((1L, "chosen"), (problem.Row, problem.Column));
        Assert.Contains("exactly 3", problem.Message);
    }
}
