using System.Security.Cryptography;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Models.Replay;
using RMBench.Core.Plugins;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Reports;
using RMBench.Tests.Reports;

namespace RMBench.Tests.Replay;

public class ReplayBackendTests
{
    private static readonly ReplayBackend Backend = new();

    private static ScoringBatchEntry Entry(params RequestOrigin[] origins) =>
        new(new ScoringRequest(null, [new Turn("user", "question")], "answer " + Guid.NewGuid()), origins);

    private static Task<IRewardModel> Create(string file, string? baseDirectory = null) =>
        Backend.CreateAsync(file, new ModelOptions { BaseDirectory = baseDirectory ?? Directory.GetCurrentDirectory() }, CancellationToken.None);

    private static string WriteJsonl(string text, string name = "scores.jsonl")
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Replay_is_discovered_as_a_backend()
    {
        var registry = Registry<IModelBackend>.Discover(b => b.Name, "backend");
        Assert.True(registry.TryGet("replay", out var backend));
        Assert.IsType<ReplayBackend>(backend);
        Assert.Equal("replay:FILE", backend.Usage);
        Assert.True(backend.RequiresArgument);
    }

    [Fact]
    public async Task Replays_a_runs_scores_parquet_and_takes_its_name_from_run_json()
    {
        var dir = TestPaths.NewTempDirectory();
        await RunReportWriter.WriteAllAsync(dir, SampleRuns.Run(modelId: "length"), SampleRuns.Scores());
        var file = Path.Combine(dir, RunFiles.ScoresParquet);

        await using var model = await Create(file);

        Assert.Equal("replay-length", model.Info.Id);
        Assert.Equal("replay", model.Info.Backend);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file))).ToLowerInvariant(), model.Info.Digest);
        Assert.True(model.Info.Deterministic);
        Assert.False(model.Info.Cacheable);
        Assert.Equal("length", model.Info.Settings["source_model"]);

        var scores = await model.ScoreAsync(
        [
            Entry(new RequestOrigin("general", "a-1", "chosen")),
            Entry(new RequestOrigin("general", "a-1", "rejected")),
            Entry(new RequestOrigin("general", "missing", "chosen"), new RequestOrigin("general", "B-0", "chosen")), // first origin found
            Entry(new RequestOrigin("rag", "a-1", "chosen")), // NaN passes through
            Entry(new RequestOrigin("general", "b-2", "rejected"), new RequestOrigin("general", "b-2", "chosen")),
        ], CancellationToken.None);

        Assert.Equal(10.25f, scores[0]);
        Assert.Equal(3.5f, scores[1]);
        Assert.Equal(-1f, scores[2]);
        Assert.True(float.IsNaN(scores[3]));
        Assert.Equal(12f, scores[4]);
    }

    [Fact]
    public async Task A_scores_parquet_without_run_json_is_named_after_the_file()
    {
        var dir = TestPaths.NewTempDirectory();
        await ScoresParquet.WriteAsync(Path.Combine(dir, "v7-scores.parquet"), SampleRuns.Scores());
        await using var model = await Create("v7-scores.parquet", baseDirectory: dir);
        Assert.Equal("replay-v7-scores", model.Info.Id);
    }

    [Fact]
    public async Task Scores_parquet_matches_on_suite()
    {
        var dir = TestPaths.NewTempDirectory();
        await ScoresParquet.WriteAsync(Path.Combine(dir, "s.parquet"), SampleRuns.Scores());
        await using var model = await Create(Path.Combine(dir, "s.parquet"));
        var e = await Assert.ThrowsAsync<InputException>(() =>
            model.ScoreAsync([Entry(new RequestOrigin("verify", "a-1", "chosen"))], CancellationToken.None));
        Assert.Contains("suite 'verify', id 'a-1', role 'chosen'", e.Message);
    }

    [Fact]
    public async Task Replays_jsonl_without_suites_on_id_and_role()
    {
        var file = WriteJsonl("""
            {"id": "p1", "role": "chosen", "score": 1.5}
            {"id": "p1", "role": "rejected", "score": -2}

            {"id": 17, "role": "chosen", "score": 3e2, "subset": "ignored"}
            {"id": "p2", "role": "chosen", "score": NaN}
            {"id": "p2", "role": "rejected", "score": "-Infinity"}
            """, "judge-v2.jsonl");

        await using var model = await Create(file);
        Assert.Equal("replay-judge-v2", model.Info.Id);
        Assert.Equal("jsonl", model.Info.Settings["format"]);

        var scores = await model.ScoreAsync(
        [
            Entry(new RequestOrigin("general", "p1", "rejected")),
            Entry(new RequestOrigin("rag", "p1", "chosen")), // no suites in the file: any suite matches
            Entry(new RequestOrigin("general", "17", "chosen")),
            Entry(new RequestOrigin("general", "p2", "chosen")),
            Entry(new RequestOrigin("general", "p2", "rejected")),
        ], CancellationToken.None);

        Assert.Equal(-2f, scores[0]);
        Assert.Equal(1.5f, scores[1]);
        Assert.Equal(300f, scores[2]);
        Assert.True(float.IsNaN(scores[3]));
        Assert.Equal(float.NegativeInfinity, scores[4]);
    }

    [Fact]
    public async Task Replays_jsonl_with_suites_on_suite_id_and_role()
    {
        var file = WriteJsonl("""
            {"suite": "general", "id": "p1", "role": "chosen", "score": 1}
            {"suite": "rag", "id": "p1", "role": "chosen", "score": 2}
            """);
        await using var model = await Create(file);
        var scores = await model.ScoreAsync(
            [Entry(new RequestOrigin("rag", "p1", "chosen")), Entry(new RequestOrigin("general", "p1", "chosen"))], CancellationToken.None);
        Assert.Equal([2f, 1f], scores);
    }

    [Fact]
    public async Task Missing_entries_fail_the_batch_naming_file_count_and_ids()
    {
        var file = WriteJsonl("""{"id": "p1", "role": "chosen", "score": 1}""");
        await using var model = await Create(file);

        var e = await Assert.ThrowsAsync<InputException>(() => model.ScoreAsync(
        [
            Entry(new RequestOrigin("general", "p1", "chosen")),
            Entry(new RequestOrigin("general", "p1", "rejected")),
            Entry(new RequestOrigin("general", "p9", "chosen"), new RequestOrigin("general", "p8", "chosen")),
        ], CancellationToken.None));

        Assert.All(e.Problems, p => Assert.Equal(file, p.Source));
        Assert.Contains("2 of 3 requests", e.Message);
        Assert.Contains("id 'p1', role 'rejected'", e.Message);
        Assert.Contains("id 'p9', role 'chosen' (nor for its 1 other origins)", e.Message);
    }

    [Fact]
    public async Task Bad_jsonl_line_names_file_and_line()
    {
        var file = WriteJsonl("""
            {"id": "p1", "role": "chosen", "score": 1}
            {"id": "p2", "role": "chosen", "score": 
            {"id": "p3", "role": "chosen", "score": 3}
            """);
        var e = await Assert.ThrowsAsync<InputException>(() => Create(file));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(file, problem.Source);
        Assert.StartsWith("line 2: invalid JSON", problem.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public async Task Every_jsonl_problem_is_reported_with_its_line()
    {
        var file = WriteJsonl("""
            {"role": "chosen", "score": 1}
            {"id": "p2", "score": 1}
            {"id": "p3", "role": "chosen", "score": "high"}
            {"id": "p4", "role": "chosen"}
            [1, 2]
            {"id": "p6", "role": "chosen", "score": 1}
            {"id": "p6", "role": "chosen", "score": 1}
            {"id": "p6", "role": "chosen", "score": 2}
            {"id": "p9", "role": ["chosen"], "score": 1}
            """);
        var e = await Assert.ThrowsAsync<InputException>(() => Create(file));
        var messages = e.Problems.Select(p => p.Message).ToList();
        Assert.Contains("line 1: missing field 'id'", messages);
        Assert.Contains("line 2: missing field 'role'", messages);
        Assert.Contains("line 3: score must be a number, found the string \"high\"", messages);
        Assert.Contains("line 4: missing field 'score'", messages);
        Assert.Contains(messages, m => m.StartsWith("line 5: expected a JSON object", StringComparison.Ordinal));
        Assert.Contains("line 8: duplicate id 'p6', role 'chosen' with a different score (2; line 6 has 1)", messages);
        Assert.Contains("line 9: field 'role' must be a string, found an array", messages);
        Assert.Equal(7, messages.Count); // line 7 repeats line 6 exactly: allowed
    }

    [Fact]
    public async Task Suites_on_some_lines_only_is_an_error()
    {
        var file = WriteJsonl("""
            {"suite": "general", "id": "p1", "role": "chosen", "score": 1}
            {"id": "p2", "role": "chosen", "score": 1}
            """);
        var e = await Assert.ThrowsAsync<InputException>(() => Create(file));
        Assert.Contains("line 2: no suite", e.Message);
    }

    [Fact]
    public async Task Duplicate_rows_in_scores_parquet_with_different_scores_are_an_error()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "dup.parquet");
        await ScoresParquet.WriteAsync(path,
        [
            new ScoreRow("general", "x", "s", "chosen", 1f, null, "h1"),
            new ScoreRow("general", "x", "s", "chosen", 2f, null, "h2"),
        ]);
        var e = await Assert.ThrowsAsync<InputException>(() => Create(path));
        Assert.Contains("row 1: duplicate suite 'general', id 'x', role 'chosen'", e.Message);
    }

    [Fact]
    public async Task Empty_and_missing_files_and_arguments_are_input_errors()
    {
        var empty = WriteJsonl("\n\n");
        Assert.Contains("contains no scores", (await Assert.ThrowsAsync<InputException>(() => Create(empty))).Message);

        var missing = Path.Combine(TestPaths.NewTempDirectory(), "nope.jsonl");
        var e = await Assert.ThrowsAsync<InputException>(() => Create(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("not found", e.Message);

        await Assert.ThrowsAsync<InputException>(() => Create(""));
        await Assert.ThrowsAsync<InputException>(() => Backend.CreateAsync(null, new ModelOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_parquet_file_is_an_input_error()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "scores.parquet");
        await File.WriteAllTextAsync(path, "{\"id\": \"p1\"}");
        var e = await Assert.ThrowsAsync<InputException>(() => Create(path));
        Assert.Contains("not a readable Parquet file", e.Message);
    }
}
