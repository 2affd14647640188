using System.Text.Json;
using RMBench.Core.Import;
using RMBench.Core.Results;
using RMBench.Tests.Cli;
using static RMBench.Tests.Import.ImportTestFiles;

namespace RMBench.Tests.LengthBias;

public class RmBenchImporterTests
{
    private readonly RmBenchImporter _importer = new();

    [SharedDataTheory("rm-bench")]
    [InlineData("chat_filtered.json", 129, "chat")]
    [InlineData("safety-response_filtered.json", 157, "safety")]
    public async Task Each_upstream_file_imports_every_row_under_its_domain(string file, int rows, string domain)
    {
        var result = await _importer.ImportAsync(TestPaths.Shared("rm-bench", file));

        Assert.Equal("style-matrix", result.Kind);
        Assert.Equal(rows, result.Rows.Count);
        Assert.Empty(result.Skipped);
        Assert.All(result.Rows, r => Assert.Equal(domain, r.Subset));
        Assert.All(result.Rows, r => Assert.Equal((3, 3), (r.Chosen.Count, r.Rejected.Count)));
        Assert.Equal(rows, result.Rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Styles_keep_the_upstream_order_and_ids_become_text()
    {
        var path = Write("rm.json", """
            [{"id": 42, "subset": "math-prm", "prompt": "p", "chosen": ["c0", "c1", "c2"], "rejected": ["r0", "r1", "r2"], "error": "x"},
             {"id": "k7", "subset": "hep-python", "domain": "code-x", "prompt": "q", "chosen": ["a", "b", "c"], "rejected": ["d", "e", "f"]}]
            """);

        var rows = (await _importer.ImportAsync(path)).Rows;

        Assert.Equal(("42", "math", "p"), (rows[0].Id, rows[0].Subset, rows[0].Prompt));
        Assert.Equal(["c0", "c1", "c2"], rows[0].Chosen);
        Assert.Equal(["r0", "r1", "r2"], rows[0].Rejected);
        Assert.Equal(("k7", "code-x"), (rows[1].Id, rows[1].Subset)); // an explicit domain wins
    }

    [Theory]
    [InlineData("""[{"id": 1, "subset": "s", "prompt": "p", "chosen": ["a", "b"], "rejected": ["d", "e", "f"]}]""", "row 0", "'chosen'", "found 2")]
    [InlineData("""[{"id": 1, "subset": "s", "chosen": ["a", "b", "c"], "rejected": ["d", "e", "f"]}]""", "row 0", "'prompt'")]
    [InlineData("""[{"id": 1, "subset": "s", "prompt": "p", "chosen": ["a", "b", "c"], "rejected": ["d", 5, "f"]}]""", "row 0", "'rejected'", "item 1")]
    [InlineData("""[{"id": 1, "subset": "s", "prompt": "p", "chosen": ["a", "b", "c"], "rejected": ["d", "e", "f"]}, {"id": 1, "subset": "s", "prompt": "p", "chosen": ["a", "b", "c"], "rejected": ["d", "e", "f"]}]""", "row 1", "'id'", "duplicate id '1'")]
    [InlineData("""{"id": 1}""", "expected a JSON array")]
    public async Task A_malformed_file_names_the_record_and_the_field(string json, params string[] fragments)
    {
        await AssertInvalidAsync(_importer, Write("bad.json", json), fragments);
    }

    [Fact]
    public async Task A_malformed_file_exits_with_code_3_from_the_cli()
    {
        var path = Write("bad.json", """[{"id": 1, "subset": "s", "prompt": "p", "chosen": ["a"], "rejected": ["d", "e", "f"]}]""");

        var result = await Cli.Cli.RunAsync("import", "--format", "rm-bench", path, "-o", Path.Combine(TestPaths.NewTempDirectory(), "x.parquet"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'chosen'", result.Err);
        Assert.DoesNotContain("   at ", result.All);
    }

    /// <summary>
    /// RM-Bench's metrics of the length baseline on the real files, end to end (import, run, run.json), against
    /// an independent computation from the raw JSON: the length model's score is the character count, so each
    /// cell is len(chosen[i]) &gt; len(rejected[j]). The pinned numbers were computed that way once (Python's
    /// len also counts code points): chat hard 0.0258398, normal 0.2842377, easy 0.8113695;
    /// safety hard 0.2377919, normal 0.7770701, easy 0.9872611.
    /// </summary>
    [SharedDataTheory("rm-bench")]
    [InlineData("chat_filtered.json", "chat", 0.0258398, 0.2842377, 0.8113695)]
    [InlineData("safety-response_filtered.json", "safety", 0.2377919, 0.7770701, 0.9872611)]
    public async Task The_length_baseline_gets_the_hand_derivable_rm_bench_scores_on_the_real_files(string file, string domain,
        double hard, double normal, double easy)
    {
        var source = TestPaths.Shared("rm-bench", file);
        var (expectedHard, expectedNormal, expectedEasy) = LengthScoresFromRawJson(source);
        var dir = TestPaths.NewTempDirectory();
        var data = Path.Combine(dir, "rm-bench.parquet");
        var suite = Path.Combine(dir, "suites", domain, "suite.json");
        Directory.CreateDirectory(Path.GetDirectoryName(suite)!);
        await File.WriteAllTextAsync(suite, $$"""
            { "name": "rm-bench-{{domain}}", "datasets": [{ "path": "{{data.Replace("\\", "/")}}", "kind": "style-matrix" }],
              "metrics": ["rm_bench"], "headline": "rm_bench:overall" }
            """);

        var import = await Cli.Cli.RunAsync("import", "--format", "rm-bench", source, "-o", data);
        var run = await Cli.Cli.RunAsync("run", "--suites-dir", Path.Combine(dir, "suites"), "--suite", $"rm-bench-{domain}", "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "50");

        Assert.True(import.ExitCode == 0, import.All);
        Assert.True(run.ExitCode == 0, run.All);
        var metrics = RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "out"))).Suites[0].Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(expectedHard, metrics["rm_bench:hard"], 12);
        Assert.Equal(expectedNormal, metrics["rm_bench:normal"], 12);
        Assert.Equal(expectedEasy, metrics["rm_bench:easy"], 12);
        Assert.Equal((expectedHard + expectedNormal + expectedEasy) / 3, metrics["rm_bench:overall"], 12);
        Assert.Equal(metrics["rm_bench:overall"], metrics[$"rm_bench:domain:{domain}"], 12);
        Assert.Equal(hard, expectedHard, 6);
        Assert.Equal(normal, expectedNormal, 6);
        Assert.Equal(easy, expectedEasy, 6);
    }

    private static (double Hard, double Normal, double Easy) LengthScoresFromRawJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var m = new double[3, 3];
        var n = 0;
        foreach (var record in document.RootElement.EnumerateArray())
        {
            n++;
            var chosen = record.GetProperty("chosen").EnumerateArray().Select(e => e.GetString()!.EnumerateRunes().Count()).ToArray();
            var rejected = record.GetProperty("rejected").EnumerateArray().Select(e => e.GetString()!.EnumerateRunes().Count()).ToArray();
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++)
                    if (chosen[i] > rejected[j]) m[i, j]++;
        }
        return ((m[0, 1] + m[0, 2] + m[1, 2]) / (3.0 * n), (m[0, 0] + m[1, 1] + m[2, 2]) / (3.0 * n), (m[1, 0] + m[2, 0] + m[2, 1]) / (3.0 * n));
    }
}
