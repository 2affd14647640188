using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Reports.Compare;

namespace RMBench.Tests.Cli;

/// <summary>
/// `run --limit`, `compare`, `export` and `samples` end to end: real run folders written by the CLI on Parquet
/// files the tests write, replay models whose scores are written by hand (so every delta is known), outputs read back.
/// </summary>
public class ConvenienceCommandsTests
{
    private const string HtmlSubset = "<b>odd</b> & \"co\"";

    /// <summary>Pairs in subsets "even" and an HTML-laden name; item i's chosen answer is longer for i % 3 != 0.</summary>
    private static async Task<string> PairsAsync(string dir, int count, string name = "pairs", bool reversed = false, int rowGroupSize = 10_000)
    {
        var rows = Datasets.Pairs(count).Select(r => r with { Subset = r.Subset == "even" ? "even" : HtmlSubset }).ToList();
        if (reversed) rows.Reverse();
        var path = Path.Combine(dir, name + ".parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows, rowGroupSize: rowGroupSize);
        return path;
    }

    /// <summary>A replay file in which items 0 .. right-1 prefer chosen (score 1 vs 0) and the others rejected.</summary>
    private static string ReplayFile(string dir, string name, int count, int right)
    {
        var lines = Enumerable.Range(0, count).SelectMany(i => new[]
        {
            $$"""{"id":"pair-{{i:D4}}","role":"chosen","score":{{(i < right ? 1 : 0)}}}""",
            $$"""{"id":"pair-{{i:D4}}","role":"rejected","score":{{(i < right ? 0 : 1)}}}""",
        });
        var path = Path.Combine(dir, name + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<string> RunAsync(string outRoot, params string[] args)
    {
        var result = await Cli.RunAsync(["run", "--out", outRoot, "--bootstrap", "200", .. args]);
        Assert.True(result.ExitCode == 0, result.All);
        return Path.GetDirectoryName(RunEndToEndTests.SingleRunJson(outRoot))!;
    }

    private static async Task<List<string>> OutcomeIdsAsync(string runFolder) =>
        [.. (await OutcomesTable.ReadAsync(Path.Combine(runFolder, RunFiles.OutcomesParquet))).Single().Value.Select(o => o.Id)];

    /// <summary>The N ids with the smallest SHA-256("seed\nid"), computed here independently of the harness.</summary>
    private static List<string> SmallestHashes(IEnumerable<string> ids, int seed, int n) =>
        [.. ids.OrderBy(id => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{id}")))[..32], StringComparer.Ordinal)
            .Take(n).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Limit_scores_the_seeded_id_hash_sample_whatever_the_file_order_and_records_it()
    {
        var dir = TestPaths.NewTempDirectory();
        var forward = await PairsAsync(Directory.CreateDirectory(Path.Combine(dir, "f")).FullName, 40);
        var backward = await PairsAsync(Directory.CreateDirectory(Path.Combine(dir, "b")).FullName, 40, reversed: true, rowGroupSize: 7);

        var a = await RunAsync(Path.Combine(dir, "a"), "--suite", forward, "--model", "length", "--limit", "7", "--seed", "5", "--no-cache");
        var b = await RunAsync(Path.Combine(dir, "b-out"), "--suite", backward, "--model", "length", "--limit", "7", "--seed", "5", "--no-cache");
        var c = await RunAsync(Path.Combine(dir, "c"), "--suite", forward, "--model", "length", "--limit", "7", "--seed", "6", "--no-cache");

        var expected = SmallestHashes(Datasets.Pairs(40).Select(r => r.Id), 5, 7);
        Assert.Equal(expected, (await OutcomeIdsAsync(a)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (await OutcomeIdsAsync(b)).Order(StringComparer.Ordinal));
        Assert.Equal(SmallestHashes(Datasets.Pairs(40).Select(r => r.Id), 6, 7), (await OutcomeIdsAsync(c)).Order(StringComparer.Ordinal));
        var run = RunJson.Load(a);
        Assert.Equal(new RMBench.Core.Suites.ItemSample(7, 5), run.Sample);
        Assert.Equal(7, run.Suites[0].Counts.Items);
        Assert.Contains("\"sample\": {", File.ReadAllText(Path.Combine(a, RunFiles.RunJson)));
        Assert.Contains("**Subsample** (--limit 7 (seed 5))", File.ReadAllText(Path.Combine(a, "summary.md")));

        var zero = await Cli.RunAsync("run", "--suite", forward, "--model", "length", "--limit", "0", "--out", Path.Combine(dir, "z"));
        Assert.Equal(3, zero.ExitCode);
        Assert.Contains("--limit: must be a positive integer (got 0)", zero.Err);
    }

    [Fact]
    public async Task A_limited_run_shares_the_score_cache_but_not_the_journal_of_a_full_run()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 30);
        var outRoot = Path.Combine(dir, "out");
        string[] limited = ["run", "--out", outRoot, "--bootstrap", "100", "--suite", data, "--model", "length", "--limit", "5"];

        var smoke = await Cli.RunAsync(limited);
        var full = await Cli.RunAsync(["run", "--out", outRoot, "--bootstrap", "100", "--suite", data, "--model", "length"]);
        var everything = await Cli.RunAsync(["run", "--out", outRoot, "--bootstrap", "100", "--suite", data, "--model", "length", "--limit", "30"]);

        Assert.True(smoke.ExitCode == 0 && full.ExitCode == 0 && everything.ExitCode == 0, smoke.All + full.All + everything.All);
        Assert.Contains("SUBSAMPLE --limit 5 (seed 1234)", smoke.Out);
        Assert.Contains("model calls 10, cache 0", smoke.Out);
        Assert.Contains("model calls 50, cache 10", full.Out); // the sample's scores are valid for the full run
        Assert.DoesNotContain("SUBSAMPLE", full.Out);
        var runs = Directory.GetDirectories(Path.Combine(outRoot, "runs", "length"));
        Assert.Equal(3, runs.Length);
        var headers = runs.Select(r => File.ReadLines(Path.Combine(r, "journal.jsonl")).First()).ToList();
        // Even a limit that keeps every item is a different journal: a sample never resumes a full run, nor the reverse.
        Assert.Equal(3, headers.Distinct().Count());
        var results = runs.Select(RunJson.Load).ToList();
        Assert.Equal([null, 5, 30], results.Select(r => r.Sample?.Limit).Order());
        Assert.All(results.Where(r => r.Sample?.Limit != 5), r => Assert.Equal(30, r.Suites[0].Counts.Items));
    }

    [Fact]
    public async Task The_gate_refuses_a_limited_run_against_a_full_run_or_another_limit()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 30);
        var full = await RunAsync(Path.Combine(dir, "full"), "--suite", data, "--model", "length");
        var five = await RunAsync(Path.Combine(dir, "five"), "--suite", data, "--model", "length", "--limit", "5");
        var six = await RunAsync(Path.Combine(dir, "six"), "--suite", data, "--model", "length", "--limit", "6");
        var fiveAgain = await RunAsync(Path.Combine(dir, "five-again"), "--suite", data, "--model", "random:3", "--limit", "5");

        var fullVsFive = await Cli.RunAsync("gate", "--baseline", full, "--candidate", five, "--out", Path.Combine(dir, "g1"));
        var fiveVsSix = await Cli.RunAsync("gate", "--baseline", five, "--candidate", six, "--out", Path.Combine(dir, "g2"));
        var fiveVsFive = await Cli.RunAsync("gate", "--baseline", five, "--candidate", fiveAgain, "--out", Path.Combine(dir, "g3"));

        Assert.Equal(3, fullVsFive.ExitCode);
        Assert.Contains("is a subsample (--limit 5 (seed 1234)) but the baseline is a full run", fullVsFive.Err);
        Assert.DoesNotContain("item sets differ", fullVsFive.Err);
        Assert.Equal(3, fiveVsSix.ExitCode);
        Assert.Contains("is a subsample (--limit 6 (seed 1234)) but the baseline is a subsample (--limit 5 (seed 1234))", fiveVsSix.Err);
        Assert.True(fiveVsFive.ExitCode is 0 or 1 or 2, fiveVsFive.All);

        // run --gate-baseline on a sampled baseline scores the same sample.
        var gated = await Cli.RunAsync("run", "--suite", data, "--model", "random:4", "--out", Path.Combine(dir, "gated"), "--bootstrap", "100",
            "--gate-baseline", Path.Combine(five, RunFiles.RunJson));
        Assert.True(gated.ExitCode is 0 or 1 or 2, gated.All);
        Assert.Contains("SUBSAMPLE --limit 5 (seed 1234)", gated.Out);
    }

    [Fact]
    public async Task Compare_gives_hand_computed_paired_deltas_per_suite_and_subset()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 20);
        // A right on items 0-9 (accuracy 10/20; even 5/10, odd 5/10); B on items 0-14 (15/20; even 8/10, odd 7/10).
        var a = await RunAsync(Path.Combine(dir, "a"), "--suite", data, "--model", $"replay:{ReplayFile(dir, "a", 20, 10)}");
        var b = await RunAsync(Path.Combine(dir, "b"), "--suite", data, "--model", $"replay:{ReplayFile(dir, "b", 20, 15)}");

        var json = await Cli.RunProcessAsync(dir, "compare", a, b, "--format", "json");

        Assert.True(json.ExitCode == 0, json.All);
        var comparison = JsonSerializer.Deserialize<Comparison>(json.Out, RunJson.Options)!;
        var headline = comparison.Rows.Single(r => r.Subset is null);
        Assert.Equal(("pairs", "accuracy", RunComparison.Paired, 20), (headline.Suite, headline.Metric, headline.Method, headline.Items));
        Assert.Equal(0.50, headline.A.Value, 12);
        Assert.Equal(0.75, headline.B.Value, 12);
        Assert.Equal(0.25, headline.Delta.Value, 12);
        // B is right wherever A is: no resample can show B behind, and 5 discordant items keep the lower bound above 0.
        Assert.InRange(headline.Delta.Low!.Value, 1e-9, 0.25);
        Assert.InRange(headline.Delta.High!.Value, 0.25, 0.5);
        var even = comparison.Rows.Single(r => r.Subset == "even");
        var odd = comparison.Rows.Single(r => r.Subset == HtmlSubset);
        Assert.Equal(0.3, even.Delta.Value, 12);
        Assert.Equal(0.2, odd.Delta.Value, 12);
        Assert.All(comparison.Rows, r => Assert.Equal(RunComparison.Paired, r.Method));
        Assert.Empty(comparison.Notes);

        var console = await Cli.RunAsync("compare", a, b);
        Assert.True(console.ExitCode == 0, console.All);
        Assert.Contains("+0.2500 [", console.Out);
        Assert.Contains("pairs  (headline)", console.Out);

        var md = Path.Combine(dir, "report", "compare.md");
        var html = Path.Combine(dir, "report", "compare.html");
        Assert.Equal(0, (await Cli.RunAsync("compare", a, b, "--format", "md", "--out", md)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("compare", a, b, "--format", "html", "--out", html)).ExitCode);
        var mdText = File.ReadAllText(md);
        Assert.Contains(@"| pairs | \<b\>odd\</b\> \& ""co"" | accuracy | 0.5000 [", mdText);
        var htmlText = File.ReadAllText(html);
        Assert.Contains("&lt;b&gt;odd&lt;/b&gt; &amp; &quot;co&quot;", htmlText);
        Assert.DoesNotContain("<b>odd", htmlText);
        Assert.Contains("+0.3000 [", htmlText);
    }

    [Fact]
    public async Task Compare_labels_runs_on_different_items_unpaired_with_the_mover_interval()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 30);
        var full = await RunAsync(Path.Combine(dir, "full"), "--suite", data, "--model", "length");
        var limited = await RunAsync(Path.Combine(dir, "limited"), "--suite", data, "--model", "length", "--limit", "12");

        var json = await Cli.RunAsync("compare", full, limited, "--format", "json");

        Assert.True(json.ExitCode == 0, json.All);
        var comparison = JsonSerializer.Deserialize<Comparison>(json.Out, RunJson.Options)!;
        Assert.Equal("--limit 12 (seed 1234)", comparison.B.Sample);
        Assert.Contains(comparison.Notes, n => n.Contains("unpaired") && n.Contains("subsample"));
        var row = comparison.Rows.Single(r => r.Subset is null);
        Assert.Equal(RunComparison.Unpaired, row.Method);
        var (a, b) = (RunJson.Load(full).Suites[0].Metrics.Single(m => m.Key == "accuracy"), RunJson.Load(limited).Suites[0].Metrics.Single(m => m.Key == "accuracy"));
        var d = b.Value - a.Value;
        Assert.Equal(d, row.Delta.Value, 12);
        Assert.Equal(d - Math.Sqrt(Math.Pow(b.Value - b.CiLow, 2) + Math.Pow(a.CiHigh - a.Value, 2)), row.Delta.Low!.Value, 12);
        Assert.Equal(d + Math.Sqrt(Math.Pow(b.CiHigh - b.Value, 2) + Math.Pow(a.Value - a.CiLow, 2)), row.Delta.High!.Value, 12);
    }

    [Fact]
    public async Task Export_writes_rfc4180_csv_that_parses_back_to_run_json_values_and_json_records()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 20, name: "pairs, \"quoted\"");
        var runsRoot = Path.Combine(dir, "reports");
        await RunAsync(Path.Combine(runsRoot, "a"), "--suite", data, "--model", $"replay:{ReplayFile(dir, "a", 20, 10)}");
        await RunAsync(Path.Combine(runsRoot, "b"), "--suite", data, "--model", "length");
        Directory.CreateDirectory(Path.Combine(runsRoot, "b", "runs", "length", "killed-run")); // a leftover without run.json is skipped
        var csv = Path.Combine(dir, "out", "metrics.csv");

        var export = await Cli.RunProcessAsync(dir, "export", runsRoot, "--format", "csv", "--out", csv);

        Assert.True(export.ExitCode == 0, export.All);
        var raw = File.ReadAllText(csv);
        Assert.Contains("\r\n", raw);
        Assert.Contains("\"pairs, \"\"quoted\"\"\"", raw);
        var table = ParseCsv(raw);
        var header = table[0];
        Assert.All(table, row => Assert.Equal(header.Count, row.Count));
        var rows = table.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        var runs = Directory.EnumerateFiles(runsRoot, "run.json", SearchOption.AllDirectories).Select(RunJson.Load).ToList();
        Assert.Equal(runs.Sum(r => r.Suites.Sum(s => s.Metrics.Count)), rows.Count);
        foreach (var run in runs)
            foreach (var metric in run.Suites[0].Metrics)
            {
                var row = rows.Single(r => r["model"] == run.Model.Id && r["metric"] == metric.Key);
                Assert.Equal("pairs, \"quoted\"", row["suite"]);
                Assert.Equal(metric.Value, double.Parse(row["value"], CultureInfo.InvariantCulture));
                Assert.Equal(metric.CiLow, double.Parse(row["ci_low"], CultureInfo.InvariantCulture));
                Assert.Equal(metric.CiHigh, double.Parse(row["ci_high"], CultureInfo.InvariantCulture));
            }

        var samplesJson = Path.Combine(dir, "out", "samples.json");
        var samples = await Cli.RunAsync("export", Path.Combine(runsRoot, "a"), "--what", "samples", "--format", "json", "--out", samplesJson);
        Assert.True(samples.ExitCode == 0, samples.All);
        var items = JsonDocument.Parse(File.ReadAllText(samplesJson)).RootElement.EnumerateArray().ToList();
        Assert.Equal(20, items.Count);
        var third = items.Single(i => i.GetProperty("id").GetString() == "pair-0012");
        Assert.Equal(0, third.GetProperty("outcome").GetDouble());
        Assert.Equal(0, third.GetProperty("score:chosen").GetDouble());
        Assert.Equal(1, third.GetProperty("score:rejected").GetDouble());
        Assert.Equal(HtmlSubset, items.Single(i => i.GetProperty("id").GetString() == "pair-0001").GetProperty("subset").GetString());

        var suites = await Cli.RunAsync("export", runsRoot, "--what", "suites", "--out", Path.Combine(dir, "out", "suites.csv"));
        Assert.True(suites.ExitCode == 0, suites.All);
        Assert.Equal(3, ParseCsv(File.ReadAllText(Path.Combine(dir, "out", "suites.csv"))).Count); // header + one row per run
        var badOut = await Cli.RunAsync("export", runsRoot, "--out", "/proc/rmbench-export.csv");
        Assert.Equal(3, badOut.ExitCode);
        Assert.Contains("--out: cannot write", badOut.Err);
    }

    [Fact]
    public async Task Samples_prints_misses_with_their_texts_cut_for_the_console_and_full_in_json()
    {
        var dir = TestPaths.NewTempDirectory();
        var longAnswer = "A very long rejected answer " + string.Concat(Enumerable.Repeat("with many words ", 40)) + "END";
        var rows = Datasets.Pairs(12).Select(r => r.Id == "pair-0003" ? r with { Rejected = [longAnswer], Prompt = "Line one\nline two?" } : r).ToList();
        var data = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", rows);
        var run = await RunAsync(Path.Combine(dir, "out"), "--suite", data, "--model", $"replay:{ReplayFile(dir, "r", 12, 3)}");

        var console = await Cli.RunProcessAsync(dir, "samples", run, "--suite", "pairs", "--misses", "--limit", "2");
        var json = await Cli.RunAsync("samples", run, "--suite", "pairs", "--misses", "--limit", "50", "--format", "json");

        Assert.True(console.ExitCode == 0, console.All);
        Assert.Contains("2 of 12 judged items (misses only)", console.Out);
        Assert.Contains("pair-0003  subset odd  outcome 0.0000 (miss), 0 ties", console.Out);
        Assert.Contains("prompt: Line one ⏎ line two?", console.Out);
        Assert.Contains("more characters)", console.Out);
        Assert.DoesNotContain("END", console.Out);
        Assert.DoesNotContain("pair-0000", console.Out); // right, not a miss
        Assert.Contains("pair-0004", console.Out);
        Assert.DoesNotContain("pair-0005", console.Out); // --limit 2

        Assert.True(json.ExitCode == 0, json.All);
        var set = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(9, set.GetProperty("shown").GetInt32());
        var item = set.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "pair-0003");
        var rejected = item.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "rejected");
        Assert.Equal(longAnswer, rejected.GetProperty("response").GetString());
        Assert.Equal(1, rejected.GetProperty("score").GetDouble());
        Assert.True(rejected.GetProperty("scored").GetBoolean()); // the rebuilt request is the one the run scored
        Assert.Equal("Line one\nline two?", rejected.GetProperty("conversation")[0].GetProperty("content").GetString());

        // A bundled suite with a prompt template: texts come from its suite.json and are exactly the scored requests.
        var suites = Path.Combine(TestPaths.RepoRoot, "suites");
        var rag = await RunAsync(Path.Combine(dir, "rag"), "--suite", "rag", "--suites-dir", suites, "--model", "length", "--limit", "3");
        var ragJson = await Cli.RunAsync("samples", rag, "--suite", "rag", "--suites-dir", suites, "--format", "json");
        Assert.True(ragJson.ExitCode == 0, ragJson.All);
        var ragSet = JsonDocument.Parse(ragJson.Out).RootElement;
        Assert.EndsWith(Path.Combine("rag", "suite.json"), ragSet.GetProperty("text_source").GetString());
        var ragRequests = ragSet.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("requests").EnumerateArray()).ToList();
        Assert.Equal(6, ragRequests.Count);
        Assert.All(ragRequests, r => Assert.True(r.GetProperty("scored").GetBoolean()));

        var unknown = await Cli.RunAsync("samples", run, "--suite", "nope");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("has no suite 'nope' (it has: pairs)", unknown.Err);
    }

    /// <summary>An RFC 4180 reader (quoted fields, doubled quotes, CRLF) written for the test, independent of the exporter.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else field.Append(c);
        }
        Assert.True(field.Length == 0 && row.Count == 0, "the file ends with CRLF");
        return rows;
    }
}
