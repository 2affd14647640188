using RMBench.Core.Statistics;
using RMBench.Core.Suites;
using RMBench.Tests.Running;

namespace RMBench.Tests.Onnx;

/// <summary>In-memory pairwise suites whose answers vary in length, so batches need padding.</summary>
public static class OnnxSuites
{
    private static readonly string[] Vocabulary = ["the", "answer", "is", "because", "we", "add", "two", "numbers", "then", "check", "result", "carefully", "so"];

    /// <summary><paramref name="count"/> pairs; answers have 1 to <paramref name="maxWords"/> words, drawn with a seeded PRNG.</summary>
    public static LoadedSuite VariedPairs(string name, int count, int maxWords = 40, int seed = 5)
    {
        var rng = new Pcg32(seed);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[rng.NextInt(Vocabulary.Length)]));
        return SuiteFixtures.PairwiseSuite(name, Enumerable.Range(0, count).Select(i =>
            SuiteFixtures.PairRow(i, $"{name}-{i:D3}", i % 2 == 0 ? "even" : "odd", $"question {i} {Text(1 + rng.NextInt(5))}",
                Text(1 + rng.NextInt(maxWords)), Text(1 + rng.NextInt(maxWords)))).ToList());
    }
}
