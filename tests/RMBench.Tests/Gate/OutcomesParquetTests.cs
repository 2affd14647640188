using RMBench.Core.Errors;
using RMBench.Core.Results;
using RMBench.Core.Suites;
using RMBench.Reports;
using RMBench.Tests.Reports;

namespace RMBench.Tests.Gate;

public class OutcomesParquetTests
{
    [Fact]
    public async Task Outcomes_round_trip_with_extras_in_suite_then_id_order()
    {
        var dir = TestPaths.NewTempDirectory();
        var outcomes = new Dictionary<string, IReadOnlyList<ItemOutcome>>
        {
            ["z-suite"] = [new ItemOutcome("b", "s1", "p1", 0.5, 1, false), new ItemOutcome("a", "s1", "p0", 1, 0, false)],
            ["a-suite"] =
            [
                new ItemOutcome("x", "s2", "p9", 0, 0, true) { Extras = new Dictionary<string, double> { ["m01"] = 0.25, ["no_persona"] = double.NaN } },
            ],
        };
        var files = await RunReportWriter.WriteAllAsync(dir, SampleRuns.Run(), SampleRuns.Scores(), outcomes);

        var read = await OutcomesTable.ReadAsync(files.OutcomesParquet!);
        Assert.Equal(["a-suite", "z-suite"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b"], read["z-suite"].Select(o => o.Id));
        Assert.Equal((0.5, 1, false, "p1"), (read["z-suite"][1].Value, read["z-suite"][1].Ties, read["z-suite"][1].Invalid, read["z-suite"][1].Cluster));
        var x = Assert.Single(read["a-suite"]);
        Assert.True(x.Invalid);
        Assert.Equal(0.25, x.Extras["m01"]);
        Assert.True(double.IsNaN(x.Extras["no_persona"]));
        // run.json lists the files of the folder.
        Assert.Equal([RunFiles.RunJson, RunFiles.ScoresParquet, RunFiles.OutcomesParquet, RunFiles.SummaryMarkdown], RunJson.Load(files.RunJson).Files);
    }

    [Fact]
    public async Task Thousands_of_rows_with_ties_and_invalid_flags_read_back_exactly()
    {
        // Reading these required columns as nullable once gave spurious nulls in every eighth row during a full,
        // parallel test run (not reproduced in isolation); the reader now reads them into plain arrays.
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, RunFiles.OutcomesParquet);
        var written = Enumerable.Range(0, 5000)
            .Select(i => new ItemOutcome($"id-{i:D5}", $"s{i % 7}", $"p{i / 3}", i % 5 / 4.0, i % 3, i % 11 == 0)).ToList();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await OutcomesParquet.WriteAsync(path, new Dictionary<string, IReadOnlyList<ItemOutcome>> { ["s"] = written });
            var read = (await OutcomesTable.ReadAsync(path))["s"];
            Assert.Equal(written.Select(o => (o.Id, o.Subset, o.Cluster, o.Value, o.Ties, o.Invalid)),
                read.Select(o => (o.Id, o.Subset, o.Cluster, o.Value, o.Ties, o.Invalid)));
        }
    }

    [Fact]
    public async Task A_file_that_is_not_an_outcomes_table_names_every_missing_column()
    {
        var dir = TestPaths.NewTempDirectory();
        var scores = Path.Combine(dir, "scores.parquet");
        await ScoresParquet.WriteAsync(scores, SampleRuns.Scores());

        var e = await Assert.ThrowsAsync<InputException>(() => OutcomesTable.ReadAsync(scores));
        Assert.Equal(["cluster", "extras", "invalid", "ties", "value"], e.Problems.Select(p => p.Column!).Order(StringComparer.Ordinal));
        Assert.All(e.Problems, p => Assert.Equal("required column is missing", p.Message));
    }
}
