using RMBench.Core.Data;

namespace RMBench.Tests.Cli;

/// <summary>Canonical rows for CLI tests.</summary>
public static class Datasets
{
    /// <summary>Pairs over two subsets; every third chosen answer is the shorter one.</summary>
    public static IReadOnlyList<CanonicalRow> Pairs(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var longAnswer = $"A longer answer number {i} with some extra words" + new string('.', i % 5);
            var shortAnswer = $"Short {i}.";
            var chosenShort = i % 3 == 0;
            return new CanonicalRow
            {
                Id = $"pair-{i:D4}",
                Subset = i % 2 == 0 ? "even" : "odd",
                Prompt = $"Question number {i}?",
                Chosen = [chosenShort ? shortAnswer : longAnswer],
                Rejected = [chosenShort ? longAnswer : shortAnswer],
            };
        }).ToList();
}
