using RMBench.Core.Models;
using RMBench.Core.Running;
using RMBench.Core.Suites;
using RMBench.Onnx.Graph.Models;
using RMBench.Tests.Onnx;

namespace RMBench.Tests.Running;

/// <summary>
/// Pre-tokenizing models (onnx) are batched across the whole suite, not within chunks of items: real ONNX Runtime
/// sessions on graph-builder models, real run folders.
/// </summary>
public sealed class WholeSuiteBatchingTests
{
    [Fact]
    public void Token_plan_keeps_ids_in_its_file_and_sorts_by_length_in_planned_order()
    {
        using var plan = new SuiteTokenPlan(TestPaths.NewTempDirectory());
        plan.Add("aa01", new TokenizedRequest([5, 6, 7], null, false), 1);
        plan.Add("bb02", new TokenizedRequest([9], [1], true), 2);
        plan.Add("cc03", new TokenizedRequest([3, 4, 5], [0, 0, 1], false), 1);
        Assert.True(plan.AddOccurrences("bb02", 3));
        Assert.False(plan.AddOccurrences("dd04", 1));
        plan.Complete();

        Assert.Equal([(1, 1), (0, 3), (2, 3)], plan.ByLength().ToList());
        Assert.Equal((3, 7L), (plan.Count, plan.Tokens));
        var (hashes, rows) = plan.Read([2, 1]);
        Assert.Equal(["cc03", "bb02"], hashes);
        Assert.Equal([3, 4, 5], rows[0].Ids);
        Assert.Equal([0, 0, 1], rows[0].TypeIds!);
        Assert.Equal([9], rows[1].Ids);
        Assert.True(rows[1].Truncated);
        Assert.Equal(5, plan.Occurrences(1));

        Assert.True(plan.TryGet("bb02", out _, out var scored, out var measure));
        Assert.False(scored);
        Assert.Equal(new TokenMeasure(1, true), measure);
        plan.SetScore(1, 0.25f);
        Assert.True(plan.TryGet("bb02", out var score, out scored, out _));
        Assert.Equal((0.25f, true), (score, scored));
        Assert.False(plan.TryGet("dd04", out _, out _, out _));
    }

    [Fact]
    public async Task Batches_are_cut_from_one_length_order_over_every_chunk_and_scores_do_not_change()
    {
        // 1,300 pairs: two chunks of items. A chunked sort would cut at least one more batch (each chunk's tail).
        var suite = OnnxSuites.VariedPairs("whole", SuiteItems.ChunkItems + 276, maxWords: 30);
        var dir = OnnxTestModels.Export(TransformerDecoderRm.Build(new TransformerShape(Layers: 1, Hidden: 16, Heads: 2, Ffn: 32, Vocab: 100, MaxPositions: 128)));
        await using var model = await OnnxTestModels.OpenAsync(dir);
        var options = new RunOptions { OutputRoot = TestPaths.NewTempDirectory(), CacheDirectory = null, BatchSize = 16, MaxPadding = 0.02, Bootstrap = new(Seed: 1, Resamples: 20) };
        var output = await new Runner(SuiteLoader.Default).RunAsync(model, [suite], options, null, CancellationToken.None);

        var requests = (await suite.Items.ReadAllAsync()).SelectMany(i => i.Requests).Select(r => r.Request).DistinctBy(r => r.Hash).ToList();
        var lengths = requests.Select(r => model.Measure(r).Tokens).ToList();
        var expected = Batcher.Cut(lengths.Select((length, i) => (i, length)).OrderBy(x => x.length).ThenBy(x => x.i), 16,
            RMBench.Onnx.OnnxRewardModel.CpuBatchTokens, 0.02, RMBench.Onnx.OnnxRewardModel.CpuMinRows).Count();
        Assert.Equal(expected, output.Result.Counts.Batches);
        Assert.Equal(requests.Count, output.Result.Counts.ModelCalls);
        Assert.True(output.Result.Throughput!.PaddingEfficiency >= 0.98);

        var scores = (await output.ReadScoresAsync()).ToList();
        Assert.Equal(2 * suite.Items.Count, scores.Count); // every item's two rows, in dataset order
        Assert.Equal((await suite.Items.ReadAllAsync()).Select(i => i.Id), scores.Where((_, i) => i % 2 == 0).Select(s => s.Id));
        await using var alone = await OnnxTestModels.OpenAsync(dir);
        foreach (var (row, i) in scores.Select((s, i) => (s, i)).Where(x => x.i % 97 == 0))
        {
            var request = requests.Single(r => r.Hash == row.RequestHash);
            Assert.Equal((await alone.ScoreAsync([new ScoringBatchEntry(request, [])], CancellationToken.None))[0], row.Score, 1e-5f);
            Assert.Equal(model.Measure(request).Tokens, row.TokenCount);
        }
    }

    [Fact]
    public async Task A_run_resumed_from_a_partial_journal_scores_only_the_rest_and_ends_identical()
    {
        var suite = OnnxSuites.VariedPairs("resume", 80);
        var dir = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape(Layers: 1, Hidden: 16, Heads: 2, Ffn: 32, Vocab: 100, MaxPositions: 128, TypeVocab: 2)));
        var root = TestPaths.NewTempDirectory();
        var options = new RunOptions { OutputRoot = root, CacheDirectory = null, BatchSize = 8, Bootstrap = new(Seed: 1, Resamples: 20) };
        var runner = new Runner(SuiteLoader.Default);
        RunOutput first;
        await using (var model = await OnnxTestModels.OpenAsync(dir))
            first = await runner.RunAsync(model, [suite], options, null, CancellationToken.None);
        var journal = Path.Combine(first.Directory, RunFolder.JournalFile);
        var lines = File.ReadAllLines(journal);
        File.WriteAllLines(journal, lines.Take(lines.Length / 2)); // as if killed halfway: no "complete" line

        await using var again = await OnnxTestModels.OpenAsync(dir);
        var resumed = await runner.RunAsync(again, [suite], options, null, CancellationToken.None);
        Assert.True(resumed.Resumed);
        Assert.Equal(first.Directory, resumed.Directory);
        Assert.True(resumed.Result.Counts.FromJournal > 0);
        Assert.Equal(160, resumed.Result.Counts.FromJournal + resumed.Result.Counts.ModelCalls);
        var (before, after) = (await first.ReadScoresAsync(), await resumed.ReadScoresAsync());
        Assert.Equal(before.Select(s => (s.Id, s.Role, s.Score, s.TokenCount)), after.Select(s => (s.Id, s.Role, s.Score, s.TokenCount)));
        Assert.Equal(first.Result.Suites[0].Metrics.Select(m => (m.Key, m.Value)), resumed.Result.Suites[0].Metrics.Select(m => (m.Key, m.Value)));
    }

    [Fact]
    public async Task Repeats_across_chunks_are_scored_once_and_a_cached_rerun_keeps_every_row()
    {
        // Items 1,050.. repeat the texts of items 0..: the same requests in another chunk, scored once.
        string Text(int i, string side) => $"{side} answer number {i} " + string.Join(' ', Enumerable.Repeat("word", i % 23));
        var rows = Enumerable.Range(0, SuiteItems.ChunkItems + 100)
            .Select(i => SuiteFixtures.PairRow(i, $"r-{i:D4}", "all", $"question {i % 1050}", Text(i % 1050, "good"), Text(i % 1050, "bad"))).ToList();
        var suite = SuiteFixtures.PairwiseSuite("repeats", rows);
        var dir = OnnxTestModels.Export(TransformerEncoderRm.Build(new TransformerShape(Layers: 1, Hidden: 16, Heads: 2, Ffn: 32, Vocab: 100, MaxPositions: 128, TypeVocab: 2)));
        var root = TestPaths.NewTempDirectory();
        var options = new RunOptions { OutputRoot = root, CacheDirectory = Path.Combine(root, "cache"), BatchSize = 16, Resume = false, Bootstrap = new(Seed: 1, Resamples: 20) };
        var runner = new Runner(SuiteLoader.Default);
        RunOutput first, second;
        await using (var model = await OnnxTestModels.OpenAsync(dir))
            first = await runner.RunAsync(model, [suite], options, null, CancellationToken.None);
        Assert.Equal(2 * 1050, first.Result.Counts.ModelCalls);
        Assert.Equal(2 * rows.Count, first.Result.Counts.Requests);
        await using (var model = await OnnxTestModels.OpenAsync(dir))
            second = await runner.RunAsync(model, [suite], options, null, CancellationToken.None);
        Assert.Equal((0, 2 * 1050), (second.Result.Counts.ModelCalls, second.Result.Counts.FromCache));
        var (a, b) = (await first.ReadScoresAsync(), await second.ReadScoresAsync());
        Assert.Equal(2 * rows.Count, b.Count);
        Assert.Equal(a.Select(s => (s.Id, s.Role, s.Score, s.TokenCount)), b.Select(s => (s.Id, s.Role, s.Score, s.TokenCount)));
        Assert.Equal(a[0].Score, a[2 * 1050].Score); // r-0000 and r-1050 share their requests
    }
}
