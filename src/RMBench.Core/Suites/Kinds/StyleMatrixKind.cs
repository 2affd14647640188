using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// RM-Bench's style matrix: a prompt with three variants of a correct answer (chosen) and three of a wrong
/// one (rejected), styles 0 concise, 1 detailed plain, 2 detailed markdown. Six requests per row (roles
/// chosen:i, rejected:j); the nine comparisons are made from their scores.
/// <para>Outcome Extras: "m{i}{j}" = 1 if score(chosen[i]) &gt; score(rejected[j]), 0 if lower, and for a tie
/// 0 (strict) or 0.5 (--ties half); ties are counted in <see cref="ItemOutcome.Ties"/>; an invalid item (a non-finite score) has every cell 0. Plus the
/// <see cref="ResponseExtras"/> of the six responses. The outcome Value is the mean of the nine cells (the
/// row's share of won comparisons, what plain accuracy reports); the RM-Bench metric (rm_bench) reads
/// the cells.</para>
/// </summary>
public sealed class StyleMatrixKind : ISuiteKind, IComparativeKind
{
    /// <summary>Number of styles: 0 concise, 1 detailed plain, 2 detailed markdown.</summary>
    public const int Styles = 3;

    public string Name => "style-matrix";
    /// <summary>An ad-hoc RM-Bench file is scored with the RM-Bench matrix (hard, normal, easy).</summary>
    public IReadOnlyList<string> AdHocMetrics => ["rm_bench"];
    public string Description => "prompt + 3 chosen + 3 rejected style variants (concise, detailed, markdown); RM-Bench 3x3 matrix";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen", ColumnType.StringList, Required: true, ExactItems: Styles),
        new ColumnSpec("rejected", ColumnType.StringList, Required: true, ExactItems: Styles));

    /// <summary>The Extras key of cell (i, j): chosen style i against rejected style j.</summary>
    public static string CellKey(int chosen, int rejected) => CellKeys[chosen * Styles + rejected];

    private static readonly string[] CellKeys =
        [.. Enumerable.Range(0, Styles * Styles).Select(k => string.Create(CultureInfo.InvariantCulture, $"m{k / Styles}{k % Styles}"))];

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var turns = KindRows.Turns(row);
        var chosen = row.StringList("chosen");
        var rejected = row.StringList("rejected");
        var requests = new List<ItemRequest>(2 * Styles);
        for (var i = 0; i < Styles; i++)
            requests.Add(new ItemRequest($"chosen:{i}", new ScoringRequest(row.System, turns, chosen[i])));
        for (var j = 0; j < Styles; j++)
            requests.Add(new ItemRequest($"rejected:{j}", new ScoringRequest(row.System, turns, rejected[j])));
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name, requests);
    }

    /// <summary>The nine cells, named by their Extras key: chosen style i (request i) against rejected style j (request 3 + j).</summary>
    public IReadOnlyList<ItemComparison> Comparisons(SuiteItem item) =>
        [.. Enumerable.Range(0, Styles * Styles).Select(k => new ItemComparison(CellKeys[k], k / Styles, Styles + k % Styles))];

    /// <summary>Each cell is its comparison's vote credit (a tie at 0 votes under the tie policy); Value the mean of the nine.</summary>
    public ItemOutcome JudgeComparisons(SuiteItem item, IReadOnlyList<ComparisonVotes> votes, JudgingOptions options)
    {
        var extras = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var vote in votes) extras[vote.Name] = vote.Credit(options);
        var value = votes.Sum(v => extras[v.Name]) / votes.Count;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, value, votes.Count(v => v.IsTie), false) { Extras = extras };
    }

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        var extras = ResponseExtras.Add(new Dictionary<string, double>(StringComparer.Ordinal), item, scores);
        if (scores.Any(s => !float.IsFinite(s)))
        {
            // Invalid items count 0 in every cell, as in accuracy.
            for (var i = 0; i < Styles; i++)
                for (var j = 0; j < Styles; j++)
                    extras[CellKey(i, j)] = 0;
            return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true) { Extras = extras };
        }
        var tieCredit = options.Ties == TiePolicy.Half ? 0.5 : 0.0;
        double sum = 0;
        var ties = 0;
        for (var i = 0; i < Styles; i++)
            for (var j = 0; j < Styles; j++)
            {
                var (chosen, rejected) = (scores[i], scores[Styles + j]);
                var cell = chosen > rejected ? 1.0 : chosen < rejected ? 0.0 : tieCredit;
                if (chosen == rejected) ties++;
                extras[CellKey(i, j)] = cell;
                sum += cell;
            }
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, sum / (Styles * Styles), ties, false) { Extras = extras };
    }
}
