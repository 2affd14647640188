using RMBench.DataGen;

namespace RMBench.Tests.DataGen;

public class SplitMix64Tests
{
    [Fact]
    public void Matches_the_reference_sequence_for_seed_1234567()
    {
        // First outputs of Vigna's reference splitmix64.c for seed 1234567.
        var rng = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => rng.NextUInt64()).ToArray());
    }

    [Fact]
    public void Next_stays_in_range_and_hits_every_value()
    {
        var rng = new SplitMix64(7);
        var counts = new int[6];
        for (var i = 0; i < 6000; i++) counts[rng.Next(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
        for (var i = 0; i < 1000; i++) Assert.InRange(rng.Next(-3, 4), -3, 3);
        for (var i = 0; i < 1000; i++) Assert.InRange(rng.NextDouble(), 0.0, 0.9999999999);
    }

    [Fact]
    public void Sample_returns_distinct_elements_of_the_source()
    {
        var rng = new SplitMix64(11);
        int[] source = [1, 2, 3, 4, 5, 6, 7];
        for (var i = 0; i < 100; i++)
        {
            var sample = rng.Sample(source, 4);
            Assert.Equal(4, sample.Distinct().Count());
            Assert.All(sample, x => Assert.Contains(x, source));
        }
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], source); // the source is not shuffled in place
    }

    [Fact]
    public void Derived_streams_depend_on_seed_and_label()
    {
        ulong First(long seed, string label) => SplitMix64.Derive(seed, label).NextUInt64();
        Assert.Equal(First(1, "chat-facts"), First(1, "chat-facts"));
        Assert.NotEqual(First(1, "chat-facts"), First(2, "chat-facts"));
        Assert.NotEqual(First(1, "chat-facts"), First(1, "chat-units"));
    }
}
