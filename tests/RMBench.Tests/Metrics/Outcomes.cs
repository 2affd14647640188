using RMBench.Core.Statistics;
using RMBench.Core.Suites;

namespace RMBench.Tests.Metrics;

/// <summary>Builders for hand-made outcomes and manifests.</summary>
internal static class Outcomes
{
    public static ItemOutcome Item(string id, string subset, double value, string? cluster = null, int ties = 0, bool invalid = false) =>
        new(id, subset, cluster ?? id, value, ties, invalid);

    /// <summary>Items "subset-i" in their own clusters with the given values.</summary>
    public static IEnumerable<ItemOutcome> Subset(string subset, params double[] values) =>
        values.Select((v, i) => Item($"{subset}-{i:D4}", subset, v));

    public static SuiteManifest Manifest(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>>? sections = null,
        IReadOnlyList<string>? metrics = null) => new()
    {
        Name = "test-suite",
        Datasets = [new SuiteDataset { Path = "test.parquet", Kind = "pairwise" }],
        Sections = sections,
        Metrics = metrics ?? [],
        ManifestPath = "suites/test-suite/suite.json",
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> Sections(
        params (string Section, (string Subset, double? Weight)[] Subsets)[] sections)
    {
        var map = new OrderedDictionary<string, IReadOnlyDictionary<string, double?>>();
        foreach (var (section, subsets) in sections)
        {
            var members = new OrderedDictionary<string, double?>();
            foreach (var (subset, weight) in subsets) members.Add(subset, weight);
            map.Add(section, members);
        }
        return map;
    }

    /// <summary>n outcomes with pseudo-random 0/1 values over the given subsets, clustered in groups of clusterSize.</summary>
    public static List<ItemOutcome> Random(int n, int subsets, int clusterSize, int seed = 7)
    {
        var rng = new Pcg32(seed);
        var list = new List<ItemOutcome>(n);
        for (var i = 0; i < n; i++)
        {
            var subset = $"s{i % subsets:D2}";
            var cluster = $"c{i / (clusterSize * subsets)}-{subset}";
            list.Add(new ItemOutcome($"id{i:D7}", subset, cluster, rng.NextDouble() < 0.7 ? 1 : 0, 0, false));
        }
        return list;
    }

    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var rng = new Pcg32(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
