using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Core.Metrics;

/// <summary>
/// RM-Bench's scores (DESIGN.md section 5) from style-matrix outcomes (Extras m{i}{j}; other outcomes are
/// ignored). Per domain d (the outcome's subset): M_d[i][j] = mean over its prompts of cell (i, j), i.e.
/// the fraction with score(chosen[i]) &gt; score(rejected[j]) (ties per --ties); hard_d = mean of M_d[i][j]
/// for i &lt; j (chosen less styled than rejected), normal_d = mean of the diagonal, easy_d = mean for i &gt; j;
/// domain score = mean(hard_d, normal_d, easy_d).
/// Keys: "rm_bench:overall" = mean of the domain scores; "rm_bench:hard|normal|easy" and "rm_bench:m{i}{j}"
/// = means over domains of the domain values; "rm_bench:domain:&lt;d&gt;" and "rm_bench:domain:&lt;d&gt;:hard|normal|easy".
/// </summary>
public sealed class RmBenchMetric : ISuiteMetric
{
    public const string Prefix = "rm_bench:";
    public const string OverallKey = Prefix + "overall";
    public const string HardKey = Prefix + "hard";
    public const string NormalKey = Prefix + "normal";
    public const string EasyKey = Prefix + "easy";
    private const int Styles = StyleMatrixKind.Styles;

    public string Name => "rm_bench";
    public string Description => "RM-Bench style matrix: hard (chosen less styled), normal (same style), easy accuracy per domain and overall";
    public bool IsDefault => false;

    public static string DomainKey(string domain) => Prefix + "domain:" + domain;

    public IReadOnlyList<MetricValue> Compute(IReadOnlyList<ItemOutcome> outcomes, SuiteManifest manifest)
    {
        var domains = new SortedDictionary<string, (double[] Sums, int Count)>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (!outcome.Extras.ContainsKey(StyleMatrixKind.CellKey(0, 0))) continue;
            if (!domains.TryGetValue(outcome.Subset, out var domain)) domain = (new double[Styles * Styles], 0);
            for (var i = 0; i < Styles; i++)
                for (var j = 0; j < Styles; j++)
                    domain.Sums[i * Styles + j] += outcome.Extras[StyleMatrixKind.CellKey(i, j)];
            domains[outcome.Subset] = (domain.Sums, domain.Count + 1);
        }
        if (domains.Count == 0) return [];

        var items = domains.Values.Sum(d => d.Count);
        var perDomain = new List<MetricValue>();
        var means = new double[Styles * Styles];
        double hard = 0, normal = 0, easy = 0, overall = 0;
        foreach (var (name, (sums, count)) in domains)
        {
            var m = sums.Select(s => s / count).ToArray();
            var (h, n, e) = Triangles(m);
            var score = (h + n + e) / 3;
            perDomain.Add(new MetricValue(DomainKey(name), score, count) { Label = $"RM-Bench domain {name}: mean of hard, normal, easy" });
            perDomain.Add(new MetricValue(DomainKey(name) + ":hard", h, count) { Label = $"RM-Bench {name} hard" });
            perDomain.Add(new MetricValue(DomainKey(name) + ":normal", n, count) { Label = $"RM-Bench {name} normal" });
            perDomain.Add(new MetricValue(DomainKey(name) + ":easy", e, count) { Label = $"RM-Bench {name} easy" });
            for (var k = 0; k < m.Length; k++) means[k] += m[k] / domains.Count;
            (hard, normal, easy, overall) = (hard + h / domains.Count, normal + n / domains.Count, easy + e / domains.Count, overall + score / domains.Count);
        }
        var values = new List<MetricValue>
        {
            new(OverallKey, overall, items) { Label = "RM-Bench overall (mean of domains)" },
            new(HardKey, hard, items) { Label = "RM-Bench hard (chosen less styled than rejected; mean of domains)" },
            new(NormalKey, normal, items) { Label = "RM-Bench normal (same style; mean of domains)" },
            new(EasyKey, easy, items) { Label = "RM-Bench easy (chosen more styled than rejected; mean of domains)" },
        };
        for (var i = 0; i < Styles; i++)
            for (var j = 0; j < Styles; j++)
                values.Add(new MetricValue(Prefix + StyleMatrixKind.CellKey(i, j), means[i * Styles + j], items)
                {
                    Label = $"RM-Bench M[{i}][{j}]: chosen {StyleName(i)} beats rejected {StyleName(j)} (mean of domains)",
                });
        values.AddRange(perDomain);
        return values;
    }

    /// <summary>(hard, normal, easy) of a row-major 3x3 matrix: upper triangle, diagonal, lower triangle means.</summary>
    public static (double Hard, double Normal, double Easy) Triangles(IReadOnlyList<double> m)
    {
        double hard = 0, normal = 0, easy = 0;
        for (var i = 0; i < Styles; i++)
            for (var j = 0; j < Styles; j++)
            {
                var cell = m[i * Styles + j];
                if (i < j) hard += cell;
                else if (i == j) normal += cell;
                else easy += cell;
            }
        return (hard / 3, normal / 3, easy / 3);
    }

    private static string StyleName(int style) => style switch { 0 => "concise", 1 => "detailed", _ => "markdown" };
}
