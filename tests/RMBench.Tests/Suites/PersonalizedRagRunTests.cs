using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Core.Suites.Kinds;
using CliRunner = RMBench.Tests.Cli.Cli;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Suites;

/// <summary>The personalized and rag suites through the real CLI: bundled data, a hand-scored tiny suite, and bad templates.</summary>
public class PersonalizedRagRunTests
{
    [Fact]
    public async Task Both_suites_run_with_the_baselines_and_report_headlines_with_intervals()
    {
        var dir = TestPaths.NewTempDirectory();

        var run = await CliRunner.RunAsync("run", "--suite", "personalized", "--suite", "rag", "--model", "length", "--model", "random",
            "--out", dir, "--bootstrap", "200");

        Assert.True(run.ExitCode == 0, run.All);
        var results = Directory.EnumerateFiles(dir, "run.json", SearchOption.AllDirectories).Select(RunJson.Load).ToDictionary(r => r.Model.Id);
        foreach (var result in results.Values)
            foreach (var suite in result.Suites)
            {
                var headline = suite.Metrics.Single(m => m.Key == suite.Headline);
                Assert.True(headline.CiLow < headline.Value && headline.Value < headline.CiHigh, $"{result.Model.Id}/{suite.Name}: {headline}");
                Assert.Matches($@"{suite.Name} +accuracy [0-9.]+ \[95% CI", run.Out);
            }
        foreach (var suite in results["random"].Suites)
        {
            var accuracy = suite.Metrics.Single(m => m.Key == "accuracy");
            Assert.True(accuracy.CiLow < 0.5 && 0.5 < accuracy.CiHigh && Math.Abs(accuracy.Value - 0.5) < 0.1, $"random on {suite.Name}: {accuracy}");
        }
        // The length baseline ignores the conversation, so removing the persona changes nothing.
        var personalized = results["length"].Suites.Single(s => s.Name == "personalized");
        Assert.Equal(0.0, personalized.Metrics.Single(m => m.Key == "persona_gap").Value);
        Assert.Equal(4 * personalized.Counts.Items, personalized.Counts.Requests);
        // Every row whose last document is the long background text is cut by the 300-token budget, and only those.
        var rag = results["length"].Suites.Single(s => s.Name == "rag");
        var rows = (await ParquetDatasetReader.ReadAsync(Path.Combine(TestPaths.RepoRoot, "datasets", "rag.parquet"), new PairwiseKind().Schema)).Rows;
        var withBackground = rows.Count(r => r.StringList("documents")[^1].StartsWith("Background on the", StringComparison.Ordinal));
        Assert.InRange(withBackground, 1, rows.Count / 5);
        Assert.Equal(withBackground, rag.Counts.TruncatedContext);
        Assert.Equal(withBackground, results["random"].Suites.Single(s => s.Name == "rag").Counts.TruncatedContext);
        var summary = await File.ReadAllTextAsync(Directory.EnumerateFiles(Path.Combine(dir, "runs", "length"), "summary.md", SearchOption.AllDirectories).Single());
        Assert.Contains($", {withBackground} items with context cut to the suite's budget.", summary);
    }

    [Fact]
    public async Task The_persona_gap_of_hand_chosen_replay_scores_is_what_hand_computation_gives()
    {
        var dir = TestPaths.NewTempDirectory();
        var suites = await TinySuiteAsync(dir, "{{ if persona }}About me: {{ persona }}\\n\\n{{ end }}{{ prompt }}");
        // (id, chosen, rejected, chosen without persona, rejected without persona)
        //   a1: 2 > 1 -> 1; without 1 < 2 -> 0      a2: 2 > 1 -> 1; without 2 > 1 -> 1
        //   b1: 1 < 2 -> 0; without 1 < 2 -> 0      b2: 2 > 1 -> 1; without 1 = 1 -> tie, 0 (strict)
        // with = 3/4, without = 1/4, gap = 0.5; subset a: (2 - 1) / 2 = 0.5; subset b: (1 - 0) / 2 = 0.5.
        var scores = Path.Combine(dir, "scores.jsonl");
        var table = new (string Id, float C, float R, float Cn, float Rn)[] { ("a1", 2, 1, 1, 2), ("a2", 2, 1, 2, 1), ("b1", 1, 2, 1, 2), ("b2", 2, 1, 1, 1) };
        await File.WriteAllLinesAsync(scores, table.SelectMany(t => new[]
        {
            Line(t.Id, "chosen", t.C), Line(t.Id, "rejected", t.R),
            Line(t.Id, PairwiseKind.ChosenNoPersona, t.Cn), Line(t.Id, PairwiseKind.RejectedNoPersona, t.Rn),
        }));

        var run = await CliRunner.RunAsync("run", "--suites-dir", suites, "--suite", "tiny", "--model", $"replay:{scores}", "--out", Path.Combine(dir, "out"), "--bootstrap", "100");

        Assert.True(run.ExitCode == 0, run.All);
        var suite = RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "out"))).Suites.Single();
        double Metric(string key) => suite.Metrics.Single(m => m.Key == key).Value;
        Assert.Equal(0.75, Metric("accuracy"), 12);
        Assert.Equal(0.25, Metric("accuracy_no_persona"), 12);
        Assert.Equal(0.5, Metric("persona_gap"), 12);
        Assert.Equal(0.5, Metric("persona_gap:a"), 12);
        Assert.Equal(0.5, Metric("persona_gap:b"), 12);
        Assert.Equal(0, suite.Counts.Ties);
    }

    public static TheoryData<string, string, string> BadManifests => new()
    {
        { "syntax", "\"template\": \"{{ if persona }}About me\"", "does not parse" },
        { "unknown-variable", "\"template\": \"{{ profile }} {{ prompt }}\"", "profile" },
        { "bad-budget", "\"template\": \"{{ prompt }}\", \"options\": { \"document_budget_tokens\": -1 }", "document_budget_tokens" },
        { "option-clash", "\"template\": \"{{ prompt }}\", \"options\": { \"documents\": 3 }", "option 'documents'" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public async Task A_bad_template_or_budget_exits_3_naming_the_suite_json(string name, string manifestFields, string expected)
    {
        var dir = TestPaths.NewTempDirectory($"rmbench-{name}");
        var suites = await TinySuiteAsync(dir, null, manifestFields);

        var run = await CliRunner.RunAsync("run", "--suites-dir", suites, "--suite", "tiny", "--model", "length", "--out", Path.Combine(dir, "out"), "--bootstrap", "10");

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.All}");
        Assert.Contains(Path.Combine("tiny", "suite.json"), run.Err);
        Assert.Contains("suite 'tiny'", run.Err);
        Assert.Contains(expected, run.Err);
        Assert.DoesNotContain("   at ", run.All);
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")), "no model was run");
    }

    [Fact]
    public async Task The_suites_command_lists_both_suites_with_their_anchor()
    {
        var run = await CliRunner.RunAsync("suites");

        Assert.Matches(@"personalized +pairwise +246 +Personalized RewardBench", run.Out);
        Assert.Matches(@"rag +pairwise +240 +RAG-RewardBench", run.Out);
    }

    private static string Line(string id, string role, float score) =>
        $$"""{"id": "{{id}}", "role": "{{role}}", "score": {{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";

    /// <summary>A suites folder with suite "tiny": four persona pairs over subsets a and b, persona_gap requested.</summary>
    private static async Task<string> TinySuiteAsync(string dir, string? template, string? manifestFields = null)
    {
        var suites = Path.Combine(dir, "suites");
        Directory.CreateDirectory(Path.Combine(suites, "tiny"));
        var rows = new[] { "a1", "a2", "b1", "b2" }.Select(id => new CanonicalRow
        {
            Id = id, Subset = id[..1], Persona = $"Persona of {id}.", Prompt = $"Question {id}?", Chosen = [$"good {id}"], Rejected = [$"bad {id}"],
        }).ToList();
        await ParquetDatasetWriter.WriteAsync(Path.Combine(suites, "tiny", "tiny.parquet"), "pairwise", rows);
        var fields = manifestFields ?? $"\"template\": \"{template}\"";
        await File.WriteAllTextAsync(Path.Combine(suites, "tiny", "suite.json"), $$"""
            {
              "name": "tiny",
              "datasets": [{ "path": "tiny.parquet", "kind": "pairwise" }],
              "metrics": ["persona_gap"],
              {{fields}}
            }
            """);
        return suites;
    }
}
