using RMBench.Core.Statistics;

namespace RMBench.Tests.Metrics;

public class Pcg32Tests
{
    [Fact]
    public void Matches_the_reference_pcg32_sequence()
    {
        // pcg32-demo of the PCG reference implementation: seed 42, stream 54.
        var rng = new Pcg32(42UL, 54UL);
        uint[] expected = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
        Assert.Equal(expected, expected.Select(_ => rng.NextUInt()).ToArray());
    }

    [Fact]
    public void Same_seed_same_sequence_other_seed_or_stream_other_sequence()
    {
        static uint[] Draw(Pcg32 rng) => Enumerable.Range(0, 16).Select(_ => rng.NextUInt()).ToArray();
        Assert.Equal(Draw(new Pcg32(1234)), Draw(new Pcg32(1234)));
        Assert.NotEqual(Draw(new Pcg32(1234)), Draw(new Pcg32(1235)));
        Assert.NotEqual(Draw(new Pcg32(1234, 1)), Draw(new Pcg32(1234, 2)));
    }

    [Fact]
    public void NextInt_stays_in_range_and_rejects_empty_ranges()
    {
        var rng = new Pcg32(5);
        for (var i = 0; i < 10_000; i++)
        {
            var bound = 1 + i % 17;
            var value = rng.NextInt(bound);
            Assert.InRange(value, 0, bound - 1);
        }
        Assert.Equal(0, rng.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-3));
    }

    [Fact]
    public void NextInt_has_no_modulo_bias()
    {
        // bound = 3 * 2^29: "NextUInt() % bound" would land below 2^30 with probability 3/4; unbiased is 2/3.
        const int bound = 3 << 29;
        var rng = new Pcg32(11);
        const int draws = 200_000;
        var below = 0;
        for (var i = 0; i < draws; i++)
            if (rng.NextInt(bound) < (1 << 30)) below++;
        Assert.InRange(below / (double)draws, 2.0 / 3 - 0.01, 2.0 / 3 + 0.01);
    }

    [Fact]
    public void NextInt_is_roughly_uniform()
    {
        var rng = new Pcg32(3);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++) counts[rng.NextInt(10)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval_with_mean_one_half()
    {
        var rng = new Pcg32(9);
        double sum = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var x = rng.NextDouble();
            Assert.InRange(x, 0.0, 0.9999999999999999);
            sum += x;
        }
        Assert.InRange(sum / 100_000, 0.495, 0.505);
    }
}
