using System.Globalization;
using System.Text;
using RMBench.Core.Data;

namespace RMBench.DataGen;

/// <summary>Length statistics of one subset (or of everything): how often the chosen response is the shorter one.</summary>
public sealed record LengthStats(string Name, string Section, int Count, int ChosenShorter, int ChosenLonger, int SameLength,
    double MeanChosenChars, double MeanRejectedChars)
{
    /// <summary>Fraction of items whose chosen response has fewer characters than the rejected one.</summary>
    public double ChosenShorterShare => Count == 0 ? 0 : (double)ChosenShorter / Count;
}

/// <summary>
/// Per-subset and overall counts and lengths (in UTF-16 characters of the response text). A model that
/// scores by length alone gets exactly the chosen-longer items right, so its accuracy is
/// 1 - ChosenShorterShare minus the ties.
/// </summary>
public sealed record DatasetStatistics(IReadOnlyList<LengthStats> Subsets, LengthStats Total)
{
    public static DatasetStatistics Compute(IReadOnlyList<CanonicalRow> rows)
    {
        var sections = GeneralDataset.Subsets.ToDictionary(s => s.Name, s => s.Section, StringComparer.Ordinal);
        LengthStats Stats(string name, string section, IReadOnlyList<CanonicalRow> group)
        {
            var chosen = group.Select(r => r.Chosen[0].Length).ToArray();
            var rejected = group.Select(r => r.Rejected[0].Length).ToArray();
            var pairs = chosen.Zip(rejected).ToArray();
            return new LengthStats(name, section, group.Count,
                pairs.Count(p => p.First < p.Second), pairs.Count(p => p.First > p.Second), pairs.Count(p => p.First == p.Second),
                group.Count == 0 ? 0 : chosen.Average(), group.Count == 0 ? 0 : rejected.Average());
        }
        var subsets = rows.GroupBy(r => r.Subset, StringComparer.Ordinal)
            .Select(g => Stats(g.Key, sections.GetValueOrDefault(g.Key, ""), g.ToArray()))
            .ToArray();
        return new DatasetStatistics(subsets, Stats("total", "", rows));
    }

    /// <summary>A Markdown table (the one in suites/general/README.md), with "\n" line ends on every platform.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| subset | section | rows | chosen shorter | chosen longer | mean chars chosen | mean chars rejected |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var s in Subsets.Append(Total))
        {
            var name = s == Total ? "**total**" : $"`{s.Name}`";
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {s.Section} | {s.Count} | {s.ChosenShorter} ({100 * s.ChosenShorterShare:F1}%) | {s.ChosenLonger} | {s.MeanChosenChars:F0} | {s.MeanRejectedChars:F0} |\n"));
        }
        return sb.ToString();
    }
}
