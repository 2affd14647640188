using System.Text.Json;
using RMBench.Core.Data;
using RMBench.Core.Results;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Onnx;

namespace RMBench.Tests.Cli;

/// <summary>
/// Issue 16 (points 2, 4, 6): the steps a new user took, each through the real CLI process (`dotnet rmbench.dll`)
/// on real suites, run folders and files: gate on two default runs, gate --model and bench with the model
/// options of run, the bench workload against run's, and the messages for mistyped or misplaced input.
/// </summary>
public sealed class NewUserStepsTests
{
    private static Task<CliResult> Rmbench(string dir, params string[] args) => Cli.RunProcessAsync(dir, args);

    private static Task<string> RunAsync(string dir, string name, string model, params string[] suites) => RunAsync(dir, name, model, suites, []);

    private static async Task<string> RunAsync(string dir, string name, string model, string[] suites, string[] extra)
    {
        var outRoot = Path.Combine(dir, name);
        var result = await Cli.RunAsync(["run", "--model", model, .. suites.SelectMany(s => new[] { "--suite", s }), "--out", outRoot, "--bootstrap", "100", "--no-cache", .. extra]);
        Assert.True(result.ExitCode == 0, result.All);
        return RunEndToEndTests.SingleRunJson(outRoot);
    }

    private static void AssertRefused(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 3, result.All);
        Assert.DoesNotContain("   at ", result.All); // no stack trace
        foreach (var fragment in fragments) Assert.Contains(fragment, result.Err);
    }

    private static async Task<string> PairsAsync(string dir, int count = 20)
    {
        var path = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", Datasets.Pairs(count));
        return path;
    }

    // ---- point 2: gate

    [Fact]
    public async Task Gate_between_two_runs_of_a_text_model_passes_over_the_suite_neither_judged()
    {
        var dir = TestPaths.NewTempDirectory();
        var a = await RunAsync(dir, "a", "baseline", "general", "multimodal");
        var b = await RunAsync(dir, "b", "baseline", "general", "multimodal");

        var gate = await Rmbench(dir, "gate", "--baseline", a, "--candidate", b, "--out", "gate");

        Assert.True(gate.ExitCode == 0, gate.All); // once exit 3: "suite 'multimodal' has no judged items to compare"
        Assert.Contains("note: suite 'multimodal' has no judged item in either run: not gated (270 of 270 items need images", gate.Out);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "gate", "gate.json")));
        Assert.Equal(["general"], json.RootElement.GetProperty("suites").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        // --suite keeps the named suites; a name in neither run is refused naming both runs' suites.
        var only = await Rmbench(dir, "gate", "--baseline", a, "--candidate", b, "--suite", "general", "--out", "only");
        Assert.True(only.ExitCode == 0, only.All);
        Assert.DoesNotContain("multimodal", only.Out);
        AssertRefused(await Rmbench(dir, "gate", "--baseline", a, "--candidate", b, "--suite", "genral", "--out", "x"),
            "--suite: suite 'genral' is in neither run (baseline: 'general', 'multimodal'");
        // Model options belong to --model.
        AssertRefused(await Rmbench(dir, "gate", "--baseline", a, "--candidate", b, "--batch-size", "8"), "--batch-size: applies to --model only");

        // gate --model leaves the suite the baseline did not judge out up front (not run, not gated) and passes.
        var model = await Rmbench(dir, "gate", "--baseline", a, "--model", "baseline", "--runs-out", "c", "--out", "gate-model", "--bootstrap", "500");
        Assert.True(model.ExitCode == 0, model.All);
        Assert.Contains("note: suite 'multimodal' has no judged item in the baseline run", model.Out);
        Assert.Equal(["general"], RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "c", "runs"))).Suites.Select(s => s.Name));
    }

    [Fact]
    public async Task Gate_with_a_model_refuses_before_scoring_what_would_refuse_after()
    {
        var dir = TestPaths.NewTempDirectory();
        var random = await RunAsync(dir, "a", "random", "general", "multimodal"); // random takes images: multimodal judged

        // length takes no image: the gate would refuse multimodal's item sets after scoring everything.
        var images = await Rmbench(dir, "gate", "--baseline", random, "--model", "length", "--runs-out", "b");
        AssertRefused(images, "suite 'multimodal': the baseline judged 270 items, model 'length' can take 0", "leave the suite out with --suite");
        Assert.False(Directory.Exists(Path.Combine(dir, "b", "runs")));
        AssertRefused(await Rmbench(dir, "run", "--model", "length", "--gate-baseline", random, "--out", "b"), "suite 'multimodal': the baseline judged 270 items");
        Assert.False(Directory.Exists(Path.Combine(dir, "b", "runs")));
        // An option the model does not read, before scoring too.
        var device = await Rmbench(dir, "gate", "--baseline", random, "--model", "length", "--suite", "general", "--device", "cuda", "--runs-out", "b");
        AssertRefused(device, "--device: model 'length' (length) does not take --device");
        Assert.False(Directory.Exists(Path.Combine(dir, "b", "runs")));

        var gated = await Rmbench(dir, "gate", "--baseline", random, "--model", "length", "--suite", "general", "--runs-out", "b", "--out", "gate");
        Assert.True(gated.ExitCode is 0 or 1 or 2, gated.All);
        Assert.Equal(["general"], RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "b", "runs"))).Suites.Select(s => s.Name));
    }

    [Fact]
    public async Task A_multi_label_onnx_model_can_be_gated_and_benched_with_label_and_batch_size()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 30);
        var export = OnnxTestModels.Export(ProbeModels.MultiLabel(tokenId: 1));
        File.Copy(Path.Combine(Bench.BenchFixtures.Encoder, "vocab.txt"), Path.Combine(export, "vocab.txt")); // a WordPiece tokenizer
        var model = "onnx:" + export;
        var baseline = await RunAsync(dir, "a", model, [data], ["--label", "length"]);

        AssertRefused(await Rmbench(dir, "gate", "--baseline", baseline, "--model", model, "--runs-out", "x"), "--label", "3 labels");
        var gate = await Rmbench(dir, "gate", "--baseline", baseline, "--model", model, "--label", "length", "--batch-size", "4",
            "--truncation", "right", "--runs-out", "b", "--out", "gate");
        Assert.True(gate.ExitCode == 2, gate.All); // identical outcomes, but 30 items cannot show a 1-point margin
        var candidate = RunJson.Load(RunEndToEndTests.SingleRunJson(Path.Combine(dir, "b", "runs")));
        Assert.Equal("0 (length)", candidate.Model.Settings["label"]);
        Assert.True(candidate.Counts.Batches >= 15, $"{candidate.Counts.Batches} batches"); // 60 requests, at most 4 per call

        var bench = await Rmbench(dir, "bench", "--model", model, "--label", "count", "--suite", data, "--duration", "0.2", "--warmup", "0", "--out", "bench");
        Assert.True(bench.ExitCode == 0, bench.All);
        Assert.Single(BenchJson.Load(Path.Combine(dir, "bench", BenchJson.FileName)));
    }

    // ---- point 4: bench workload

    [Fact]
    public async Task Bench_scores_the_requests_run_scores_and_refuses_when_the_model_takes_none()
    {
        var dir = TestPaths.NewTempDirectory();
        var run = RunJson.Load(await RunAsync(dir, "a", "baseline")); // every suite, as the README's first step

        var bench = await Rmbench(dir, "bench", "--duration", "0.2", "--warmup", "0", "--out", "bench");

        Assert.True(bench.ExitCode == 0, bench.All);
        var card = Assert.Single(BenchJson.Load(Path.Combine(dir, "bench", BenchJson.FileName))).Workload!;
        Assert.Equal(run.Counts.UniqueRequests, card.UniqueRequests); // once 5,829 against run's 5,296
        Assert.DoesNotContain("multimodal", card.Suites);
        Assert.Contains("left out, as rmbench run does: suite 'multimodal': 270 of 270 items need images", bench.Err);
        Assert.Contains($"{card.UniqueRequests} unique requests", bench.Out);

        AssertRefused(await Rmbench(dir, "bench", "--suite", "multimodal", "--duration", "0.2", "--out", "mm"),
            "nothing to bench: model 'baseline' takes no item of the selected suites (suite 'multimodal': 270 of 270 items need images");
        Assert.False(Directory.Exists(Path.Combine(dir, "mm")));
    }

    // ---- point 6: messages

    [Fact]
    public async Task Parse_errors_say_what_was_expected_and_suggest_the_option_meant()
    {
        var dir = TestPaths.NewTempDirectory();

        var number = await Rmbench(dir, "run", "--batch-size", "abc");
        AssertRefused(number, "error: --batch-size expects a whole number, got 'abc'");
        Assert.DoesNotContain("System.Int32", number.All);
        AssertRefused(await Rmbench(dir, "bench", "--qps", "fast"), "error: --qps expects a number, got 'fast'");

        var typo = await Rmbench(dir, "run", "--modle", "length");
        AssertRefused(typo, "error: unknown option '--modle' for 'rmbench run'; did you mean '--model'?");
        Assert.DoesNotContain("'length'", typo.Err); // the value of the unknown option is not a second problem
        AssertRefused(await Rmbench(dir, "rn"), "error: unknown command 'rn'; did you mean 'run'?");

        var bare = await Rmbench(dir);
        Assert.True(bare.ExitCode == 0, bare.All);
        Assert.Contains("Usage:", bare.Out);
        Assert.DoesNotContain("Required command was not provided", bare.All);
    }

    [Fact]
    public async Task An_unwritable_out_is_exit_3_before_any_work()
    {
        var dir = TestPaths.NewTempDirectory();
        var file = Path.Combine(dir, "a-file");
        await File.WriteAllTextAsync(file, "x");

        AssertRefused(await Rmbench(dir, "run", "-m", "length", "-s", "general", "--out", Path.Combine(file, "out")),
            $"--out: '{Path.Combine(file, "out")}' cannot be created: '{file}' is a file, not a folder");
        AssertRefused(await Rmbench(dir, "bench", "--out", file), $"--out: '{file}' is a file");
        if (Directory.Exists("/proc"))
            AssertRefused(await Rmbench(dir, "run", "-m", "length", "-s", "general", "--out", "/proc/x"), "--out: cannot write to '/proc/x'");
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir), p => p != file); // nothing was run
    }

    [Fact]
    public async Task Suite_arguments_that_are_not_parquet_files_say_what_to_pass()
    {
        var dir = TestPaths.NewTempDirectory();
        var json = Path.Combine(dir, "data.json");
        await File.WriteAllTextAsync(json, """[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s"}]""");
        var suites = Path.Combine(TestPaths.RepoRoot, "suites");

        AssertRefused(await Rmbench(dir, "run", "-m", "length", "--suite", json), "is JSON, not a canonical Parquet file", $"'rmbench import --format FORMAT {json} -o FILE.parquet'");
        AssertRefused(await Rmbench(dir, "run", "-m", "length", "--suite", Path.Combine(suites, "general", "suite.json")),
            "is a suite manifest, not a dataset", $"pass --suites-dir {suites} --suite general");
        AssertRefused(await Rmbench(dir, "run", "-m", "length", "--suite", Path.Combine(suites, "general")), "is a suite folder, not a file");
        AssertRefused(await Rmbench(dir, "run", "-m", "length", "--suite", suites), $"is a folder of suites: pass --suites-dir {suites}");
        await PairsAsync(dir);
        var folder = await Rmbench(dir, "run", "-m", "length", "--suite", dir);
        AssertRefused(folder, "is a folder; --suite takes a suite name or one canonical FILE.parquet", "e.g. --suite " + Path.Combine(dir, "pairs.parquet"));
        Assert.DoesNotContain("does not exist", folder.Err);
    }

    [Fact]
    public async Task Import_errors_name_json_fields_and_a_json_array_given_as_json_lines()
    {
        var dir = TestPaths.NewTempDirectory();
        var array = Path.Combine(dir, "harmless.jsonl");
        await File.WriteAllTextAsync(array, "[\n  {\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: c\"}\n]\n");
        AssertRefused(await Rmbench(dir, "import", "--format", "hh-rlhf", array, "-o", "x.parquet"),
            "line 1: expected one JSON object per line (JSON Lines); this file is a JSON array: convert it to one record per line (e.g. jq -c '.[]' harmless.jsonl > harmless-lines.jsonl)");
        var rewardBench = Path.Combine(dir, "rb.jsonl");
        await File.WriteAllTextAsync(rewardBench, """[{"prompt": "p", "chosen": "c", "rejected": "r", "subset": "s"}]""");
        AssertRefused(await Rmbench(dir, "import", "--format", "rewardbench", rewardBench, "-o", "x.parquet"), "give it a .json name (rb.json)");

        var badField = Path.Combine(dir, "rb.json");
        await File.WriteAllTextAsync(badField, """[{"prompt": 3, "chosen": "c", "rejected": "r", "subset": "s"}]""");
        var field = await Rmbench(dir, "import", "--format", "rewardbench", badField, "-o", "x.parquet");
        AssertRefused(field, "row 0, field 'prompt': expected a string, found the number 3");
        Assert.DoesNotContain("column", field.Err);
    }

    [Fact]
    public async Task Replay_with_missing_scores_counts_every_missing_request_and_names_the_roles()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir, 40); // 80 requests, all distinct
        var scores = Path.Combine(dir, "scores.jsonl");
        await File.WriteAllLinesAsync(scores, Enumerable.Range(0, 5).Select(i => $$"""{"id": "pair-{{i:D4}}", "role": "chosen", "score": 1}"""));

        var run = await Rmbench(dir, "run", "-m", "replay:" + scores, "--suite", data, "--batch-size", "8", "--out", "out");

        AssertRefused(run, "75 of 80 requests of the run have no stored score (matched on (id, role)); the suites expect roles chosen, rejected, the file has roles chosen",
            "no score for id 'pair-0000', role 'rejected'", "... and 55 more");
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs"))); // refused before the run folder exists
    }

    [Fact]
    public async Task An_option_no_model_reads_is_exit_3_naming_model_and_option()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await PairsAsync(dir);

        AssertRefused(await Rmbench(dir, "run", "-m", "length", "--suite", data, "--device", "cuda", "--out", "out"),
            "--device: model 'length' (length) does not take --device; leave it out");
        AssertRefused(await Rmbench(dir, "run", "-m", "baseline", "--suite", data, "--label", "reward", "--out", "out"),
            "--label: model 'baseline' (onnx) does not take --label");
        AssertRefused(await Rmbench(dir, "bench", "-m", "random", "--suite", data, "--threads", "2", "--out", "bench"), "model 'random' (random) does not take --threads");
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")));

        // An option one model of the run reads is fine for the others (the run's defaults are three models).
        var mixed = await Rmbench(dir, "run", "-m", "baseline", "-m", "length", "--suite", data, "--device", "cpu", "--out", "out", "--bootstrap", "100", "--no-cache");
        Assert.True(mixed.ExitCode == 0, mixed.All);
    }
}
