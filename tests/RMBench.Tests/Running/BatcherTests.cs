using RMBench.Core.Requests;
using RMBench.Core.Running;

namespace RMBench.Tests.Running;

public class BatcherTests
{
    /// <summary>Requests whose "length" is the number of characters of their response.</summary>
    private static List<PlannedRequest> Requests(params int[] lengths) =>
        lengths.Select(n => new PlannedRequest(new ScoringRequest(null, [new Turn("user", "q")], new string('x', n)), [])).ToList();

    private static List<int[]> Lengths(IEnumerable<IReadOnlyList<PlannedRequest>> batches) =>
        batches.Select(b => b.Select(p => p.Request.Response.Length).ToArray()).ToList();

    [Fact]
    public void Batches_are_sorted_by_length_and_capped_by_rows()
    {
        var batches = Lengths(Batcher.ByLength(Requests(5, 1, 4, 2, 3), p => p.Request.Response.Length, batchSize: 2));
        Assert.Equal([[1, 2], [3, 4], [5]], batches);
    }

    [Fact]
    public void Token_budget_caps_rows_times_longest_row()
    {
        // Budget 10: [1,2,3] pads to 3x3 = 9; adding 4 would make 4x4 = 16. [4,4] = 8; adding 5 -> 15.
        // [5,5] = 10 fits exactly; [11] alone is over budget and still forms its own batch.
        var batches = Lengths(Batcher.ByLength(Requests(4, 1, 5, 11, 2, 3, 4, 5), p => p.Request.Response.Length, batchSize: 8, batchTokens: 10));
        Assert.Equal([[1, 2, 3], [4, 4], [5, 5], [11]], batches);
    }

    [Fact]
    public void Row_cap_still_applies_under_a_generous_token_budget()
    {
        var batches = Lengths(Batcher.ByLength(Requests(1, 1, 1, 1, 1), p => p.Request.Response.Length, batchSize: 2, batchTokens: 1000));
        Assert.Equal([[1, 1], [1, 1], [1]], batches);
    }

    [Fact]
    public void Padding_bound_ends_a_batch_before_a_row_that_would_pad_too_much()
    {
        // 0.1: [10,10,10] + 11 pads 3 of 44 tokens (fits); + 20 would pad 39 of 100 -> a new batch.
        var bounded = Lengths(Batcher.ByLength(Requests(20, 10, 11, 10, 20, 10), p => p.Request.Response.Length, batchSize: 8, maxPadding: 0.1));
        Assert.Equal([[10, 10, 10, 11], [20, 20]], bounded);
        // 0: only equal lengths share a batch.
        var exact = Lengths(Batcher.ByLength(Requests(20, 10, 11, 10, 20, 10), p => p.Request.Response.Length, batchSize: 8, maxPadding: 0));
        Assert.Equal([[10, 10, 10], [11], [20, 20]], exact);
    }

    [Fact]
    public void Padding_bound_holds_for_every_batch_of_a_spread_of_lengths()
    {
        var random = new Random(7);
        var lengths = Enumerable.Range(0, 2000).Select(_ => (int)Math.Exp(random.NextDouble() * 7) + 1).ToArray();
        var batches = Lengths(Batcher.ByLength(Requests(lengths), p => p.Request.Response.Length, batchSize: 32, batchTokens: 16384, maxPadding: 0.02));
        Assert.Equal(lengths.Length, batches.Sum(b => b.Length));
        foreach (var batch in batches)
            Assert.True(batch.Sum() >= 0.98 * batch.Length * batch.Max(), $"batch [{string.Join(",", batch)}] pads more than 2%");
    }

    [Fact]
    public void A_minimum_row_count_lets_the_token_budget_widen_short_batches_without_narrowing_long_ones()
    {
        (int, int)[] Sorted(params int[] lengths) => lengths.Select((length, i) => (i, length)).ToArray();
        int[] Sizes(IEnumerable<IReadOnlyList<int>> batches) => batches.Select(b => b.Count).ToArray();
        // Budget 40 tokens: 4-token rows batch 10 at a time; 20-token rows would batch 2 at a time, but 3 rows come first.
        var rows = Sorted([.. Enumerable.Repeat(4, 12), .. Enumerable.Repeat(20, 7)]);
        Assert.Equal([10, 2, 2, 2, 2, 1], Sizes(Batcher.Cut(rows, batchSize: 32, batchTokens: 40)));
        Assert.Equal([10, 3, 3, 3], Sizes(Batcher.Cut(rows, batchSize: 32, batchTokens: 40, minRows: 3)));
        // The row cap still wins over the minimum.
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2, 2, 1], Sizes(Batcher.Cut(rows, batchSize: 2, batchTokens: 40, minRows: 3)));
    }
}
