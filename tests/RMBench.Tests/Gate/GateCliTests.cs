using System.Text.Json;
using System.Xml;
using RMBench.Cli;
using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Tests.Cli;

namespace RMBench.Tests.Gate;

/// <summary>`rmbench gate` and `rmbench run --gate-baseline` end to end, on real run folders written by the CLI.</summary>
public class GateCliTests
{
    private static async Task<string> RunAsync(string dir, string name, string model, string suite, params string[] extra)
    {
        var outRoot = Path.Combine(dir, name);
        var result = await Cli.Cli.RunAsync(["run", "--model", model, "--suite", suite, "--out", outRoot, "--bootstrap", "100", "--no-cache", .. extra]);
        Assert.True(result.ExitCode == 0, result.All);
        return RunEndToEndTests.SingleRunJson(outRoot);
    }

    private static async Task<string> PairsFileAsync(string dir, string folder, int count, Func<CanonicalRow, CanonicalRow>? change = null)
    {
        Directory.CreateDirectory(Path.Combine(dir, folder));
        var path = Path.Combine(dir, folder, "pairs.parquet"); // same file name: the same ad-hoc suite name "pairs"
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", Datasets.Pairs(count).Select(change ?? (r => r)).ToList());
        return path;
    }

    [Fact]
    public async Task A_run_folder_holds_outcomes_parquet_listed_in_run_json()
    {
        var dir = TestPaths.NewTempDirectory();
        var run = await RunAsync(dir, "a", "length", await PairsFileAsync(dir, "d", 30));

        var result = RunJson.Load(run);
        Assert.Contains(RunFiles.OutcomesParquet, result.Files);
        var outcomes = await OutcomesTable.ReadAsync(Path.Combine(Path.GetDirectoryName(run)!, RunFiles.OutcomesParquet));
        var suite = Assert.Single(outcomes);
        Assert.Equal("pairs", suite.Key);
        Assert.Equal(30, suite.Value.Count);
        // The length model is right when the chosen answer is the longer one: two pairs in three.
        Assert.Equal(20, suite.Value.Count(o => o.Value == 1));
    }

    [Fact]
    public async Task Mismatched_datasets_are_refused_with_exit_code_3()
    {
        var dir = TestPaths.NewTempDirectory();
        var baseline = await RunAsync(dir, "a", "length", await PairsFileAsync(dir, "d1", 40));
        var edited = await PairsFileAsync(dir, "d2", 40, r => r.Id == "pair-0007" ? r with { Prompt = r.Prompt + " (edited)" } : r);
        var candidate = await RunAsync(dir, "b", "length", edited);

        var gate = await Cli.Cli.RunAsync("gate", "--baseline", baseline, "--candidate", candidate, "--out", Path.Combine(dir, "gate"));

        Assert.True(gate.ExitCode == 3, gate.All);
        Assert.Contains("gate refused", gate.Err);
        Assert.Contains("suite 'pairs': dataset sha256 differ", gate.Err);
        Assert.DoesNotContain("   at ", gate.Err); // no stack trace
        Assert.False(Directory.Exists(Path.Combine(dir, "gate")));

        var fewer = await RunAsync(dir, "c", "length", await PairsFileAsync(dir, "d3", 35));
        var sets = await Cli.Cli.RunAsync("gate", "--baseline", baseline, "--candidate", fewer, "--out", Path.Combine(dir, "gate"));
        Assert.True(sets.ExitCode == 3, sets.All);
        Assert.Contains("item sets differ: 5 baseline item(s) missing from the candidate (e.g. 'pair-0035', 'pair-0036', 'pair-0037')", sets.Err);
    }

    [Fact]
    public async Task A_partial_run_is_refused_with_exit_code_3()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsFileAsync(dir, "d", 60);
        var baseline = await RunAsync(dir, "a", "length", data);

        // A real partial run: Ctrl+C (the cancellation token) after a few batches of a slow model.
        var partialRoot = Path.Combine(dir, "partial");
        using var cancel = new CancellationTokenSource();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var running = Program.RunAsync(["run", "--model", "test-slow:150", "--suite", data, "--out", partialRoot, "--batch-size", "8", "--no-cache", "--bootstrap", "100"],
            new CliContext(stdout, stderr, Interactive: false, cancel.Token));
        var journalFolder = Path.Combine(partialRoot, "runs", "test-slow");
        while (!running.IsCompleted && !(Directory.Exists(journalFolder) && Directory.EnumerateFiles(journalFolder, "journal.jsonl", SearchOption.AllDirectories)
                   .Any(j => File.ReadAllLines(j).Length >= 3)))
            await Task.Delay(20);
        await cancel.CancelAsync();
        Assert.Equal(4, await running); // a partial run is a runtime error
        var partial = RunEndToEndTests.SingleRunJson(partialRoot);
        Assert.Equal("partial", RunJson.Load(partial).Status);

        var gate = await Cli.Cli.RunAsync("gate", "--baseline", baseline, "--candidate", partial);
        Assert.True(gate.ExitCode == 3, gate.All);
        Assert.Contains($"{partial}, column 'status': is a partial run: the gate needs every item scored in both runs", gate.Err);
        var reverse = await Cli.Cli.RunAsync("gate", "--baseline", partial, "--candidate", baseline);
        Assert.Equal(3, reverse.ExitCode);
        // As a baseline for run --gate-baseline it is refused before anything is scored.
        var run = await Cli.Cli.RunAsync("run", "--model", "length", "--suite", data, "--gate-baseline", partial, "--out", Path.Combine(dir, "never"));
        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains("is a partial run and cannot be a gate baseline", run.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "never", "runs")));
    }

    [Fact]
    public async Task Gate_exit_codes_are_0_pass_1_fail_2_inconclusive_and_the_reports_parse()
    {
        var dir = TestPaths.NewTempDirectory();
        var general = "general";
        var length = await RunAsync(dir, "a", "length", general);
        var random = await RunAsync(dir, "b", "random", general);

        var fail = await Cli.Cli.RunAsync("gate", "--baseline", length, "--candidate", random, "--out", Path.Combine(dir, "fail"), "--bootstrap", "500");
        var pass = await Cli.Cli.RunAsync("gate", "--baseline", length, "--candidate", length, "--out", Path.Combine(dir, "pass"), "--bootstrap", "500");
        // 496 prompts cannot show a 0.1-point margin.
        var tight = await Cli.Cli.RunAsync("gate", "--baseline", random, "--candidate", random, "--margin", "0.1", "--out", Path.Combine(dir, "tight"), "--bootstrap", "500");

        Assert.True(fail.ExitCode == 1, fail.All);
        Assert.Contains("gate: FAIL (exit 1)", fail.Out);
        Assert.True(pass.ExitCode == 0, pass.All);
        Assert.True(tight.ExitCode == 2, tight.All);
        foreach (var folder in new[] { "fail", "pass", "tight" })
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, folder, "gate.json")));
            Assert.Equal(new Dictionary<string, string> { ["fail"] = "FAIL", ["pass"] = "PASS", ["tight"] = "INCONCLUSIVE" }[folder],
                json.RootElement.GetProperty("decision").GetString());
            Assert.Equal("paired-bootstrap", json.RootElement.GetProperty("suites")[0].GetProperty("method").GetString());
            new XmlDocument().Load(Path.Combine(dir, folder, "junit.xml"));
            Assert.StartsWith("# RMBench gate: ", await File.ReadAllTextAsync(Path.Combine(dir, folder, "gate.md")));
        }
    }

    [Fact]
    public async Task Run_with_gate_baseline_runs_and_gates_in_one_command()
    {
        var dir = TestPaths.NewTempDirectory();
        var baseline = await RunAsync(dir, "a", "length", "general");

        var worse = await Cli.Cli.RunAsync("run", "--model", "random", "--gate-baseline", baseline, "--out", Path.Combine(dir, "b"), "--bootstrap", "100", "--no-cache");
        var same = await Cli.Cli.RunAsync("run", "--model", "length", "--gate-baseline", baseline, "--out", Path.Combine(dir, "c"), "--bootstrap", "100", "--no-cache");

        Assert.True(worse.ExitCode == 1, worse.All);
        Assert.Contains("gate: FAIL (exit 1)", worse.Out);
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "b", "gates"), "gate.json", SearchOption.AllDirectories));
        Assert.True(same.ExitCode == 0, same.All);
        // The suites defaulted to the baseline's.
        Assert.Equal(["general"], RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "c", "runs"))).Suites.Select(s => s.Name));
    }

    [Fact]
    public async Task Gate_with_a_model_runs_it_on_the_baseline_suites_first()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsFileAsync(dir, "d", 60);
        var baseline = await RunAsync(dir, "a", "length", data);

        var gate = await Cli.Cli.RunAsync("gate", "--baseline", baseline, "--model", "length", "--runs-out", Path.Combine(dir, "b"), "--out", Path.Combine(dir, "gate"));

        // Identical outcomes, but 60 pairs cannot prove a 1-point margin: inconclusive, not pass.
        Assert.True(gate.ExitCode == 2, gate.All);
        Assert.Contains("exact-unconditional  INCONCLUSIVE", gate.Out);
        Assert.Equal("pairs", Assert.Single(RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "b"))).Suites).Name);
        // The baseline's dataset changed on disk since: refused before the model scores anything.
        await ParquetDatasetWriter.WriteAsync(data, "pairwise", Datasets.Pairs(61));
        var changed = await Cli.Cli.RunAsync("gate", "--baseline", baseline, "--model", "length", "--runs-out", Path.Combine(dir, "c"));
        Assert.True(changed.ExitCode == 3, changed.All);
        Assert.Contains("suite 'pairs': dataset sha256 differ from the baseline's", changed.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "c", "runs")));

        var both = await Cli.Cli.RunAsync("gate", "--baseline", baseline);
        Assert.Equal(3, both.ExitCode);
        Assert.Contains("give exactly one of --candidate RUN.json and --model SPEC", both.Err);
    }
}
