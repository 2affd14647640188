using RMBench.Core.Data;
using RMBench.Core.Models.Baselines;

namespace RMBench.DataGen.LengthBias;

/// <summary>A generated row with the case behind it (for tests and audits).</summary>
public sealed record LengthBiasItem(CanonicalRow Row, StyledCase Case);

/// <summary>
/// The bundled datasets of the <c>length-bias</c> suite. <see cref="Matrix"/>: style-matrix rows (RM-Bench
/// domains chat, safety, math, code; chosen = the correct answer in the three styles, rejected = the
/// subtly wrong one, whose detailed and markdown versions are longer and prettier). <see cref="Pairs"/>:
/// length-controlled pairwise rows from the same templates where the chosen answer is the concise one in
/// every other pair (alternating), so a length-only model gets about half right. Deterministic (SplitMix64
/// streams per dataset and domain).
/// </summary>
public static class LengthBiasDataset
{
    public const long DefaultSeed = 20261201;
    public const string MatrixFile = "length-bias.parquet";
    public const string PairsFile = "length-bias-pairs.parquet";
    public const int PerDomain = 50;

    public static IReadOnlyList<LengthBiasItem> Matrix(long seed = DefaultSeed) =>
        [.. StyledCases.Domains.SelectMany(domain => Cases(seed, "matrix", domain).Select((c, k) => new LengthBiasItem(new CanonicalRow
        {
            Id = Text.Inv($"sm-{domain}-{k:D3}"),
            Subset = domain,
            Prompt = c.Prompt,
            Chosen = c.Correct.Styles,
            Rejected = c.Wrong.Styles,
        }, c)))];

    public static IReadOnlyList<LengthBiasItem> Pairs(long seed = DefaultSeed) =>
        [.. StyledCases.Domains.SelectMany(domain => Cases(seed, "pairs", domain).Select((c, k) =>
        {
            // Even k: concise correct vs a detailed wrong answer (chosen shorter); odd k: the reverse.
            var detailedStyle = 1 + k / 2 % 2; // alternate plain and markdown
            var (chosen, rejected) = k % 2 == 0
                ? (c.Correct.Concise, c.Wrong.Styles[detailedStyle])
                : (c.Correct.Styles[detailedStyle], c.Wrong.Concise);
            Text.Require(k % 2 == 0 == (Chars(chosen) < Chars(rejected)), $"pair {domain} {k}: chosen must be shorter exactly in even pairs");
            return new LengthBiasItem(new CanonicalRow
            {
                Id = Text.Inv($"pw-{domain}-{k:D3}"),
                Subset = $"pairs-{domain}",
                Prompt = c.Prompt,
                Chosen = [chosen],
                Rejected = [rejected],
            }, c);
        }))];

    /// <summary><see cref="PerDomain"/> cases with distinct prompts for one dataset and domain.</summary>
    private static List<StyledCase> Cases(long seed, string dataset, string domain)
    {
        var rng = SplitMix64.Derive(seed, $"length-bias/{dataset}/{domain}");
        var cases = new List<StyledCase>(PerDomain);
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        for (var draws = 0; cases.Count < PerDomain; draws++)
        {
            Text.Require(draws < 100 * PerDomain, $"domain {domain}: too few distinct prompts");
            var c = StyledCases.Draw(domain, rng);
            if (!prompts.Add(c.Prompt)) continue;
            CheckStyles(c);
            cases.Add(c);
        }
        return cases;
    }

    /// <summary>The length facts the suite relies on: a wrong answer's detailed versions are longer than the correct
    /// ones, and every less styled chosen answer is shorter than every more styled rejected one (the hard cells).</summary>
    private static void CheckStyles(StyledCase c)
    {
        var (chosen, rejected) = (c.Correct.Styles, c.Wrong.Styles);
        Text.Require(Chars(rejected[1]) > Chars(chosen[1]) && Chars(rejected[2]) > Chars(chosen[2]), $"'{c.Prompt}': wrong detailed answers must be longer");
        for (var i = 0; i < 3; i++)
            for (var j = i + 1; j < 3; j++)
                Text.Require(Chars(chosen[i]) < Chars(rejected[j]), $"'{c.Prompt}': chosen {i} must be shorter than rejected {j}");
    }

    private static int Chars(string text) => LengthModel.CountCodePoints(text);
}
