using RMBench.Core.Requests;
using RMBench.Core.Running;
using RMBench.Core.Suites;

namespace RMBench.Tests.Running;

public class ScoreIndexTests
{
    private static string Hash(int i) => new ScoringRequest(null, [new Turn("user", $"q{i}")], $"a{i}").Hash;

    [Fact]
    public void Scores_and_origins_survive_growing_far_past_the_initial_size()
    {
        var index = new ScoreIndex();
        for (var i = 0; i < 5_000; i++) index.Set(Hash(i), i, i % 2 == 0 ? ScoreOrigin.Cache : ScoreOrigin.Journal);
        index.Set(Hash(10), float.NaN, ScoreOrigin.Run);

        Assert.Equal(5_000, index.Count);
        Assert.True(index.TryGet(Hash(4_321), out var score, out var origin));
        Assert.Equal((4_321f, ScoreOrigin.Journal), (score, origin));
        Assert.True(index.TryGet(Hash(10), out score, out origin));
        Assert.Equal(ScoreOrigin.Run, origin);
        Assert.True(float.IsNaN(score));
        Assert.False(index.TryGet(Hash(5_000), out _, out _));
    }

    [Fact]
    public void Keys_that_are_not_hex_hashes_are_told_apart_too()
    {
        var index = new ScoreIndex(4);
        index.Set("not a hash", 1, ScoreOrigin.Run);
        index.Set("not a hash either", 2, ScoreOrigin.Run);

        Assert.True(index.TryGet("not a hash", out var score, out _));
        Assert.Equal(1, score);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Repeats_are_the_requests_seen_more_than_once()
    {
        var repeats = RequestRepeats.Of([RequestRepeats.Key(Hash(1)), RequestRepeats.Key(Hash(2)), RequestRepeats.Key(Hash(1)),
            RequestRepeats.Key(Hash(3)), RequestRepeats.Key(Hash(1))]);

        Assert.Equal(1, repeats.Count);
        Assert.True(repeats.Contains(Hash(1)));
        Assert.False(repeats.Contains(Hash(2)));
        Assert.False(repeats.Contains(Hash(4)));
    }
}
