using System.Globalization;
using RMBench.Core.Data;
using RMBench.Core.Metrics.BonCurve;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// Best-of-n over-optimisation ("bon-curve"): a prompt, N &gt;= 2 responses and their gold scores. The model is
/// the proxy: for every n = 1..N the outcome holds the exact expected gold score of the response the proxy
/// scores highest among n drawn without replacement (<see cref="BestOfNExpectation"/>: all subsets, proxy ties
/// split evenly). The outcome value is the chance that the proxy's pick among all N has the highest gold score
/// (ties in the proxy split evenly, any gold-best response counts).
/// <para>Extras of a valid outcome: "n_responses" = N, "gold_at:&lt;n&gt;" for n = 1..N (the expectation), and the
/// <see cref="ResponseExtras"/> of every response (roles "response:&lt;i&gt;") for the length metrics.
/// Read by <see cref="GoldAtNMetric"/>, <see cref="PeakNMetric"/> and <see cref="OveroptimisationMetric"/>.</para>
/// </summary>
public sealed class BonCurveKind : ISuiteKind
{
    public const string KindName = "bon-curve";
    public const string ResponsesKey = "n_responses";
    public const string GoldAtPrefix = "gold_at:";

    public string Name => KindName;
    public string Description => "prompt + N responses + their gold scores; expected gold of the proxy's best-of-n pick for n = 1..N";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("responses", ColumnType.StringList, Required: true, MinItems: 2),
        new ColumnSpec("gold", ColumnType.DoubleList, Required: true, MinItems: 2));

    public static string GoldAtKey(int n) => GoldAtPrefix + n.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<string> CheckRow(DatasetRow row)
    {
        var (responses, gold) = (row.StringList("responses").Count, row.DoubleList("gold").Count);
        if (responses != gold) yield return $"has {responses} responses but {gold} gold scores; they must pair up";
    }

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var turns = KindRows.WithPrompt(row, context.Prompts.Render(row).Text);
        var responses = row.StringList("responses");
        var requests = responses.Select((r, i) => new ItemRequest($"response:{i}", new ScoringRequest(row.System, turns, r))).ToList();
        var gold = row.DoubleList("gold");
        var attributes = gold.Select((g, i) => (GoldAttribute(i), g.ToString("R", CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name, requests) { Attributes = attributes };
    }

    /// <summary>Attribute key of response i's gold score (round-trip formatted).</summary>
    public static string GoldAttribute(int i) => "gold:" + i.ToString(CultureInfo.InvariantCulture);

    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        if (scores.Any(s => !float.IsFinite(s)))
            return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true);
        var count = item.Requests.Count;
        var gold = new double[count];
        for (var i = 0; i < count; i++) gold[i] = double.Parse(item.Attributes[GoldAttribute(i)], CultureInfo.InvariantCulture);
        var proxy = scores.Select(s => (double)s).ToArray();
        var extras = new Dictionary<string, double>(StringComparer.Ordinal) { [ResponsesKey] = count };
        var curve = BestOfNExpectation.Curve(proxy, gold);
        for (var n = 1; n <= count; n++) extras[GoldAtKey(n)] = curve[n - 1];
        ResponseExtras.Add(extras, item, scores);
        var top = proxy.Max();
        var tiedAtTop = proxy.Count(p => p == top);
        var bestGold = gold.Max();
        var value = Enumerable.Range(0, count).Count(i => proxy[i] == top && gold[i] == bestGold) / (double)tiedAtTop;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, value, Ties: tiedAtTop - 1, Invalid: false) { Extras = extras };
    }
}
