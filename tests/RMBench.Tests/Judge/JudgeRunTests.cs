using System.Text.Json.Nodes;
using Parquet.Serialization;
using RMBench.Core.Running;
using RMBench.Tests.Cli;
using static RMBench.Tests.Judge.JudgeTestData;

namespace RMBench.Tests.Judge;

/// <summary>`rmbench run --model judge:...` against a real OpenAI-compatible server on 127.0.0.1.</summary>
public class JudgeRunTests
{
    [Fact]
    public async Task Pairwise_asks_both_orders_and_unswaps_the_verdicts()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 6);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(12, server.Count);
        // Each pair was shown GOOD-first once and BAD-first once.
        var orders = server.Calls.Select(c => (c.ReplyA, c.ReplyB)).ToHashSet();
        for (var i = 0; i < 6; i++)
        {
            Assert.Contains(($"GOOD answer {i}", $"BAD answer {i}"), orders);
            Assert.Contains(($"BAD answer {i}", $"GOOD answer {i}"), orders);
        }
        var body = server.Calls.First().Body;
        Assert.Equal(0, body["temperature"]!.GetValue<int>());
        Assert.Equal("test-judge", body["model"]!.GetValue<string>());
        Assert.True(body.ContainsKey("seed") && body.ContainsKey("max_tokens"));
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy"));
        Assert.Equal(1.0, Metric(run, "position_consistency"));
        Assert.Equal(0.5, Metric(run, "first_position_win_rate"));
        Assert.Equal(0.0, Metric(run, "judge_unparsed"));
        var usage = run.RootElement.GetProperty("suites")[0].GetProperty("judge");
        Assert.Equal(12, usage.GetProperty("requests").GetInt32());
        Assert.Equal(120, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(36, usage.GetProperty("completion_tokens").GetInt64());

        var folder = Path.GetDirectoryName(Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories).Single())!;
        await using var stream = File.OpenRead(Path.Combine(folder, JudgmentLog.ParquetFile));
        var rows = (await ParquetSerializer.DeserializeAsync<JudgmentRow>(stream)).Data;
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Contains("correct", r.RawText));
        Assert.Equal(6, rows.Count(r => r.Order == ComparisonScoring.RejectedFirst && r.Verdict == "B"));
    }

    [Fact]
    public async Task A_judge_that_always_picks_A_ties_every_pair_and_shows_its_position_bias()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 4);
        await using var server = await FakeJudgeServer.StartAsync(_ => new JudgeAnswer("[[A]]"));

        var strict = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));
        Assert.True(strict.ExitCode == 0, strict.All);
        using (var run = RunJson(dir))
        {
            Assert.Equal(0.0, Metric(run, "accuracy")); // +1 and -1: a tie at 0 votes, strict credit 0
            Assert.Equal(4, run.RootElement.GetProperty("suites")[0].GetProperty("counts").GetProperty("ties").GetInt32());
            Assert.Equal(0.0, Metric(run, "position_consistency"));
            Assert.Equal(1.0, Metric(run, "first_position_win_rate"));
        }
        Directory.Delete(Path.Combine(dir, "out"), recursive: true);
        var half = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--ties", "half"));
        Assert.True(half.ExitCode == 0, half.All);
        using var halfRun = RunJson(dir);
        Assert.Equal(0.5, Metric(halfRun, "accuracy"));
    }

    [Fact]
    public async Task Graded_labels_count_much_better_as_better_and_A_equals_B_as_a_tie()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 4);
        // Pairs 0-1: graded fair verdicts (>> and >); pairs 2-3: A=B in one order, fair in the other.
        await using var server = await FakeJudgeServer.StartAsync(call =>
        {
            var pair = int.Parse(call.ReplyA!.Split(' ')[^1]);
            if (pair >= 2 && call.ReplyA.Contains("BAD")) return new JudgeAnswer("[[A=B]]");
            return Fair(call, pair == 0 ? "[[A>>B]]" : "[[A>B]]", pair == 0 ? "[[B>>A]]" : "[[B>A]]");
        });

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--judge-preset", "pairwise-graded"));

        Assert.True(result.ExitCode == 0, result.All);
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy")); // pairs 2-3: +1 + 0 > 0
        Assert.Equal(0.5, Metric(run, "position_consistency")); // 2 of 4 comparisons agree
        // Decisive verdicts: 4 fair GOOD-first (A wins), 2 fair BAD-first (B wins): first wins 4 of 6.
        Assert.Equal(4.0 / 6, Metric(run, "first_position_win_rate"), 12);
        Assert.Contains("A much better", server.Calls.First().Messages[0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Thinking_is_ignored_and_a_reply_without_verdict_gets_one_follow_up_turn()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 4);
        await using var server = await FakeJudgeServer.StartAsync(call =>
        {
            var pair = int.Parse((call.ReplyA ?? "x 9").Split(' ')[^1]);
            var goodFirst = call.ReplyA!.Contains("GOOD");
            return pair switch
            {
                // The thinking names the wrong answer; only the final text counts.
                0 => new JudgeAnswer($"<think>Maybe [[{(goodFirst ? "B" : "A")}]]? No.</think>Verdict: [[{(goodFirst ? "A" : "B")}]]"),
                // No verdict at first; the follow-up turn gives it.
                1 => call.IsFollowUp ? Fair(call) : new JudgeAnswer("Both have merits, hard to say."),
                // Two distinct verdicts: unparsed, and no follow-up (the reply had candidates).
                2 => new JudgeAnswer("[[A]] or perhaps [[B]]"),
                // Never a verdict: unparsed after the one follow-up.
                _ => new JudgeAnswer("I decline to judge."),
            };
        });

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec()));

        Assert.True(result.ExitCode == 0, result.All);
        // 8 first turns + 2 follow-ups for pair 1 + 2 for pair 3.
        Assert.Equal(12, server.Count);
        var followUp = server.Calls.First(c => c.IsFollowUp);
        Assert.Equal(4, followUp.Messages.Count);
        Assert.Contains("final verdict", followUp.Messages[^1]!["content"]!.GetValue<string>());
        using var run = RunJson(dir);
        Assert.Equal(0.5, Metric(run, "accuracy")); // pairs 0 and 1 right, 2 and 3 ties at 0 votes
        Assert.Equal(0.5, Metric(run, "judge_unparsed")); // 4 of 8 verdicts
        Assert.Equal(4.0, Metric(run, "judge_unparsed:count"));
        Assert.Equal(1.0, Metric(run, "position_consistency")); // pairs 0 and 1, both orders read
        Assert.Equal(4, run.RootElement.GetProperty("suites")[0].GetProperty("judge").GetProperty("unparsed").GetInt32());
    }

    [Fact]
    public async Task Orders_one_asks_each_pair_once_with_an_order_picked_by_the_seed()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 20);
        await using var server = await FakeJudgeServer.StartAsync(call => Fair(call));

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--judge-orders", "one"));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(20, server.Count);
        Assert.Contains("] 20/20 requests scored", result.Err);
        var goodFirst = server.Calls.Count(c => c.ReplyA!.Contains("GOOD"));
        Assert.InRange(goodFirst, 3, 17); // both orders occur
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy"));
        Assert.False(HasMetric(run, "position_consistency")); // no comparison was asked in both orders
    }

    [Fact]
    public async Task Rating_with_logprobs_scores_the_expected_rating_and_falls_back_to_the_parsed_one()
    {
        var dir = TestPaths.NewTempDirectory();
        var data = await WritePairsAsync(dir, 2);
        static JsonArray Tokens(params (string Token, (string, double)[] Top)[] tokens) =>
            [.. tokens.Select(t => (JsonNode)new JsonObject
            {
                ["token"] = t.Token,
                ["logprob"] = t.Top.Length > 0 ? t.Top[0].Item2 : -0.1,
                ["top_logprobs"] = new JsonArray([.. t.Top.Select(a => (JsonNode)new JsonObject { ["token"] = a.Item1, ["logprob"] = a.Item2 })]),
            })];
        await using var server = await FakeJudgeServer.StartAsync(call =>
        {
            var reply = call.Reply!;
            if (reply.StartsWith("GOOD answer 0"))
                // "Rating: [[7]]": at the verdict token, p(7) = 0.6, p(8) = 0.3, p(6) = 0.1 -> 0.6*7 + 0.3*8 + 0.1*6 = 7.2
                return new JudgeAnswer("Rating: [[7]]", Tokens(("Rating: [[", []),
                    ("7", [("7", Math.Log(0.6)), ("8", Math.Log(0.3)), ("6", Math.Log(0.1)), ("]]", Math.Log(0.001))]), ("]]", [])));
            if (reply.StartsWith("BAD answer 0"))
                // p(3) = 0.5, p(4) = 0.25 (renormalised over rating tokens: 2/3, 1/3) -> 2 + 4/3 = 3.3333
                return new JudgeAnswer("<think>[[9]]</think>[[3]]", Tokens(("<think>[[9]]</think>[[", []),
                    ("3", [("3", Math.Log(0.5)), ("4", Math.Log(0.25)), ("x", Math.Log(0.25))]), ("]]", [])));
            return new JudgeAnswer(reply.StartsWith("GOOD") ? "[[9]]" : "[[2]]"); // no log-probs: parsed rating, counted
        });

        var result = await Cli.Cli.RunAsync(RunArgs(dir, data, server.Spec(), "--judge-preset", "rating", "--judge-logprobs"));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(4, server.Count);
        Assert.True(server.Calls.All(c => c.Body["logprobs"]!.GetValue<bool>() && c.Body["top_logprobs"]!.GetValue<int>() == 20));
        var output = await Core.Results.ScoresTable.ReadAsync(Directory.EnumerateFiles(Path.Combine(dir, "out"), "scores.parquet", SearchOption.AllDirectories).Single());
        float Score(string id, string role) => output.Single(r => r.Id == id && r.Role == role).Score;
        Assert.Equal(7.2f, Score("pair-000", "chosen"), 4);
        Assert.Equal(10f / 3, Score("pair-000", "rejected"), 4);
        Assert.Equal(9f, Score("pair-001", "chosen"));
        Assert.Equal(2f, Score("pair-001", "rejected"));
        using var run = RunJson(dir);
        Assert.Equal(1.0, Metric(run, "accuracy"));
        Assert.Equal(2, run.RootElement.GetProperty("suites")[0].GetProperty("judge").GetProperty("logprob_fallbacks").GetInt32());
    }

    [Fact]
    public async Task Pairwise_judges_serve_style_matrix_cells_and_leave_other_kinds_unsupported()
    {
        var dir = TestPaths.NewTempDirectory();
        var suitesDir = Path.Combine(dir, "suites");
        foreach (var (name, kind, row) in new[]
        {
            ("matrix", "style-matrix", new Core.Data.CanonicalRow
            {
                Id = "m-0", Subset = "s", Prompt = "Q?",
                Chosen = ["GOOD c0", "GOOD c1", "GOOD c2"], Rejected = ["BAD r0", "BAD r1", "BAD r2"],
            }),
            ("bon", "best-of-n", new Core.Data.CanonicalRow { Id = "b-0", Subset = "s", Prompt = "Q?", Chosen = ["GOOD"], Rejected = ["BAD 1", "BAD 2"] }),
        })
        {
            Directory.CreateDirectory(Path.Combine(suitesDir, name));
            await Core.Data.ParquetDatasetWriter.WriteAsync(Path.Combine(suitesDir, name, "data.parquet"), kind, [row]);
            await File.WriteAllTextAsync(Path.Combine(suitesDir, name, "suite.json"),
                $$"""{"name": "{{name}}", "description": "d", "anchor": "a", "datasets": [{"path": "data.parquet", "kind": "{{kind}}"}]}""");
        }
        // Cell m01 (GOOD c0 vs BAD r1) is judged wrongly in both orders; every other cell fairly.
        await using var server = await FakeJudgeServer.StartAsync(call =>
            (call.ReplyA, call.ReplyB) is ("GOOD c0", "BAD r1") ? new JudgeAnswer("[[B]]")
            : (call.ReplyA, call.ReplyB) is ("BAD r1", "GOOD c0") ? new JudgeAnswer("[[A]]")
            : Fair(call));

        var result = await Cli.Cli.RunAsync(["run", "--model", server.Spec(), "--suite", "matrix", "--suite", "bon", "--suites-dir", suitesDir,
            "--out", Path.Combine(dir, "out"), "--no-cache", "--bootstrap", "50"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(18, server.Count); // 9 cells x 2 orders; nothing for best-of-n
        // Progress totals the requests sent (comparisons x orders), not the matrix's 6 responses or best-of-n's.
        Assert.Contains("] 18/18 requests scored", result.Err);
        Assert.DoesNotContain("/6 requests", result.Err);
        using var run = RunJson(dir);
        var suites = run.RootElement.GetProperty("suites");
        Assert.Equal(8.0 / 9, Metric(run, "accuracy"), 12);
        Assert.Equal("unsupported", suites[1].GetProperty("status").GetString());
        var outcomes = await Core.Results.OutcomesTable.ReadAsync(Directory.EnumerateFiles(Path.Combine(dir, "out"), "outcomes.parquet", SearchOption.AllDirectories).Single());
        var cells = outcomes.Values.First().Single().Extras;
        Assert.Equal(0.0, cells["m01"]);
        Assert.Equal(1.0, cells["m22"]);
    }
}
