using RMBench.Core.Data;
using RMBench.Core.Requests;
using RMBench.Core.Results;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.Running;

/// <summary>Small in-memory suites for runner tests (no files: the runner does not care where items come from).</summary>
public static class SuiteFixtures
{
    public static DatasetRow PairRow(long index, string id, string subset, string prompt, string chosen, string rejected) =>
        new(index, new Dictionary<string, object?>
        {
            ["id"] = id, ["subset"] = subset, ["prompt"] = prompt, ["chosen"] = chosen, ["rejected"] = rejected,
        });

    /// <summary>
    /// A pairwise suite of <paramref name="count"/> pairs over two subsets; in every third pair the chosen
    /// answer is the shorter one, so the length baseline is right on two thirds.
    /// </summary>
    public static LoadedSuite Pairs(string name, int count, string promptPrefix = "question") =>
        PairwiseSuite(name, Enumerable.Range(0, count).Select(i =>
        {
            var longAnswer = new string('x', 20 + i % 7) + $" answer {i}";
            var shortAnswer = $"ok {i}";
            var chosenShort = i % 3 == 0;
            return PairRow(i, $"{name}-{i:D3}", i % 2 == 0 ? "even" : "odd", $"{promptPrefix} {i}",
                chosenShort ? shortAnswer : longAnswer, chosenShort ? longAnswer : shortAnswer);
        }).ToList());

    /// <summary>A pairwise suite named <paramref name="name"/> over the given rows.</summary>
    public static LoadedSuite PairwiseSuite(string name, IReadOnlyList<DatasetRow> rows)
    {
        var manifest = new SuiteManifest
        {
            Name = name,
            Datasets = [new SuiteDataset { Path = $"{name}.parquet", Kind = "pairwise" }],
            Directory = ".",
            ManifestPath = $"{name}/suite.json",
        };
        var kind = new PairwiseKind();
        var context = new SuiteContext(name, manifest);
        var items = rows.Select(row => kind.ToItem(row, context)).ToList();
        return new LoadedSuite(manifest, [new DatasetInfo($"{name}.parquet", "0000", rows.Count, "pairwise")], items);
    }
}
