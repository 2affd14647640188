using RMBench.Core.Results;
using RMBench.Reports.Leaderboard;

namespace RMBench.Tests.Leaderboard;

public sealed class LengthChartTests
{
    [Fact]
    public void Spearman_rho_matches_a_hand_computed_value()
    {
        // Ranks x 1 2 3 4, y 1 3 2 4: d = 0, -1, 1, 0; rho = 1 - 6 * 2 / (4 * (16 - 1)) = 0.8.
        Assert.Equal(0.8, LengthChart.Spearman([10, 20, 30, 40], [1, 3, 2, 4]), 12);
    }

    [Fact]
    public void Spearman_rho_gives_tied_values_their_average_rank()
    {
        // x ranks 1 2 3 4; y 5 5 6 7 -> ranks 1.5 1.5 3 4. Pearson of the ranks: sxy = 4.5, sxx = 5, syy = 4.5 -> 4.5 / sqrt(22.5) = 0.948683...
        Assert.Equal(4.5 / Math.Sqrt(22.5), LengthChart.Spearman([1, 2, 3, 4], [5, 5, 6, 7]), 12);
    }

    [Fact]
    public void Large_runs_draw_a_deterministic_subsample_but_the_caption_counts_every_point()
    {
        var rows = Enumerable.Range(0, 1000).Select(i =>
            new ScoreRow("s", $"id{i:D4}", "t", i % 2 == 0 ? "chosen" : "rejected", i, null, "h") { ResponseChars = i + 1 }).ToList();

        var (chart, data) = LengthChart.Build(0, rows)!.Value;

        Assert.Equal(LengthChart.MaxPoints, chart.Points.Count);
        Assert.Equal(LengthChart.MaxPoints, data.Count);
        Assert.Equal("1.00", chart.Rho); // score increases with length: rank correlation 1
        Assert.Contains("of 1000 scored responses", chart.Caption);
        Assert.Equal(rows[0].Id, data[0].Id);
    }

    [Fact]
    public void Rows_without_response_length_give_no_chart()
    {
        var rows = new[] { new ScoreRow("s", "a", "t", "chosen", 1, null, "h"), new ScoreRow("s", "a", "t", "rejected", 0, null, "h") };

        Assert.Null(LengthChart.Build(0, rows));
    }
}
