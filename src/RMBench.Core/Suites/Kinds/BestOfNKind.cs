using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// A prompt with one or more chosen and one or more rejected responses (RewardBench 2 best-of-n).
/// With one chosen answer: credit 1/k when it is among the k answers tied at the top score, else 0.
/// With several chosen answers: correct when the best chosen beats every rejected; a tie at the top
/// between the best chosen and the best rejected gives 1/k over the k answers tied there.
/// <para>Extras of a valid outcome (for RewardBench 2's Ties metric, <see cref="Metrics.TiesMetric"/>):
/// "num_correct" = number of chosen answers, "min_correct" / "max_correct" = lowest / highest chosen score,
/// "max_incorrect" = highest rejected score. Invalid outcomes carry no extras.</para>
/// </summary>
public sealed class BestOfNKind : ISuiteKind
{
    public string Name => "best-of-n";
    public string Description => "prompt + chosen list + rejected list; credit when a chosen answer scores highest (1/k among k tied)";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen", ColumnType.StringList, Required: true, MinItems: 1),
        new ColumnSpec("rejected", ColumnType.StringList, Required: true, MinItems: 1));

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var turns = KindRows.Turns(row);
        var requests = new List<ItemRequest>();
        var chosen = row.StringList("chosen");
        var rejected = row.StringList("rejected");
        for (var i = 0; i < chosen.Count; i++)
            requests.Add(new ItemRequest($"chosen:{i}", new ScoringRequest(row.System, turns, chosen[i])));
        for (var j = 0; j < rejected.Count; j++)
            requests.Add(new ItemRequest($"rejected:{j}", new ScoringRequest(row.System, turns, rejected[j])));
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name, requests);
    }

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        if (scores.Any(s => !float.IsFinite(s)))
            return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true);
        var chosenCount = item.Requests.Count(r => r.Role.StartsWith("chosen", StringComparison.Ordinal));
        var bestChosen = scores.Take(chosenCount).Max();
        var bestRejected = scores.Skip(chosenCount).Max();
        var extras = Extras(scores, chosenCount, bestChosen, bestRejected);
        if (bestChosen > bestRejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 1, 0, false) { Extras = extras };
        if (bestChosen < bestRejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, false) { Extras = extras };
        // Tie at the top: 1/k where k counts every answer at the top score (RewardBench 2).
        var top = bestChosen;
        var tiedAtTop = scores.Count(s => s == top);
        var credit = chosenCount == 1 ? 1.0 / tiedAtTop : scores.Take(chosenCount).Count(s => s == top) / (double)tiedAtTop;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, credit, Ties: tiedAtTop - 1, Invalid: false) { Extras = extras };
    }

    public const string NumCorrectKey = "num_correct";
    public const string MinCorrectKey = "min_correct";
    public const string MaxCorrectKey = "max_correct";
    public const string MaxIncorrectKey = "max_incorrect";

    private static Dictionary<string, double> Extras(IReadOnlyList<float> scores, int chosenCount, float bestChosen, float bestRejected) => new(4, StringComparer.Ordinal)
    {
        [NumCorrectKey] = chosenCount,
        [MinCorrectKey] = scores.Take(chosenCount).Min(),
        [MaxCorrectKey] = bestChosen,
        [MaxIncorrectKey] = bestRejected,
    };
}
