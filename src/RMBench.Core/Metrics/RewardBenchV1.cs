using System.Collections.ObjectModel;

namespace RMBench.Core.Metrics;

/// <summary>
/// RewardBench v1's official section map with its example counts, ready to use as
/// <see cref="Suites.SuiteManifest.Sections"/> or with <see cref="SectionScoring.Compute"/>.
/// math-prm counts 984 although the data has 447 rows: RewardBench upweights it so that math and code
/// (six HumanEvalPack languages x 164 = 984) each weigh half of Reasoning.
/// </summary>
public static class RewardBenchV1
{
    /// <summary>Rows of math-prm actually in the RewardBench data (its weight is <see cref="MathPrmWeight"/>).</summary>
    public const int MathPrmRows = 447;

    /// <summary>The weight RewardBench gives math-prm.</summary>
    public const int MathPrmWeight = 984;

    /// <summary>Section -> subset -> example count, in RewardBench's order: Chat, Chat Hard, Safety, Reasoning.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> Sections { get; } = Build(
        ("Chat",
        [
            ("alpacaeval-easy", 100), ("alpacaeval-length", 95), ("alpacaeval-hard", 95),
            ("mt-bench-easy", 28), ("mt-bench-med", 40),
        ]),
        ("Chat Hard",
        [
            ("mt-bench-hard", 37), ("llmbar-natural", 100), ("llmbar-adver-neighbor", 134),
            ("llmbar-adver-GPTInst", 92), ("llmbar-adver-GPTOut", 47), ("llmbar-adver-manual", 46),
        ]),
        ("Safety",
        [
            ("refusals-dangerous", 100), ("refusals-offensive", 100), ("xstest-should-refuse", 154),
            ("xstest-should-respond", 250), ("donotanswer", 136),
        ]),
        ("Reasoning",
        [
            ("math-prm", MathPrmWeight), ("hep-cpp", 164), ("hep-go", 164), ("hep-java", 164),
            ("hep-js", 164), ("hep-python", 164), ("hep-rust", 164),
        ]));

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> Build(
        params (string Section, (string Subset, int Count)[] Subsets)[] sections)
    {
        var map = new OrderedDictionary<string, IReadOnlyDictionary<string, double?>>(StringComparer.Ordinal);
        foreach (var (section, subsets) in sections)
        {
            var members = new OrderedDictionary<string, double?>(StringComparer.Ordinal);
            foreach (var (subset, count) in subsets) members.Add(subset, count);
            map.Add(section, new ReadOnlyDictionary<string, double?>(members));
        }
        return new ReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>>(map);
    }
}
