using RMBench.Core.Data;

namespace RMBench.DataGen.GeneralRb2;

/// <summary>
/// Why a row's answers are right or wrong, in a form a test can re-check independently:
/// <list type="bullet">
/// <item>"fact": <see cref="Expected"/> is the true answer (the chosen answer's last **bold** span); <see cref="Wrong"/>
/// holds each rejected answer's bold span, all false.</item>
/// <item>"math": <see cref="Expression"/> evaluates to <see cref="Expected"/> (the chosen bold span); the rejected bold
/// spans (<see cref="Wrong"/>) are other numbers.</item>
/// <item>"constraint": <see cref="Constraint"/> (exact-words:N, no-commas, uppercase, starts-with:W, ends-with:W) holds
/// for the chosen answer and fails for every rejected one.</item>
/// <item>"focus": <see cref="Expected"/> is the value asked for (in the chosen answer, in no rejected answer).</item>
/// <item>"ties": <see cref="Constraint"/> names the property (prime, multiple:K, digit-sum:S, square, leap-year) within
/// strictly between <see cref="Low"/> and <see cref="High"/>; every answer starts with its number; chosen numbers have it, rejected ones do not.</item>
/// </list>
/// </summary>
public sealed record Rb2Check(string Kind, string Expected, IReadOnlyList<string> Wrong)
{
    public string? Expression { get; init; }
    public string? Constraint { get; init; }
    public int Low { get; init; }
    public int High { get; init; }
}

/// <summary>A generated row with the facts behind it (for tests and audits).</summary>
public sealed record Rb2Item(CanonicalRow Row, Rb2Check Check);

/// <summary>What one draw of a subset produces: a prompt, its correct answers first, then the incorrect ones.</summary>
internal sealed record Rb2Draft(string Prompt, IReadOnlyList<string> Chosen, IReadOnlyList<string> Rejected, Rb2Check Check);

/// <summary>
/// The RewardBench 2 part of the <c>general</c> suite's bundled data: best-of-4 rows (one correct answer and
/// three incorrect ones) in the subsets bon-factuality, bon-precise-if, bon-math and bon-focus
/// (datasets/general-bon.parquet), and RewardBench 2 style Ties rows (datasets/general-ties.parquet): per
/// prompt a "ref:&lt;n&gt;" row with one correct answer and a "tied:&lt;n&gt;" row with several correct answers, both
/// with the same prompt and the same incorrect answers. Deterministic like <see cref="GeneralDataset"/>:
/// SplitMix64 streams per subset, fixed order, invariant culture.
/// </summary>
public static class Rb2Dataset
{
    public const long DefaultSeed = 20261201;
    public const string BonFileName = "general-bon.parquet";
    public const string TiesFileName = "general-ties.parquet";
    public const string Kind = "best-of-n";
    public const string TiesSubset = "ties";
    public const int TiesPromptCount = 60;

    /// <summary>Best-of-4 subsets, their sizes and why the chosen answer is the right one.</summary>
    public static IReadOnlyList<SubsetInfo> BonSubsets { get; } =
    [
        new("bon-factuality", "RewardBench 2", 50, "the chosen answer states the true fact (a capital, a chemical symbol, the weekday of a date); each rejected answer states a false one"),
        new("bon-precise-if", "RewardBench 2", 50, "the chosen answer obeys the precise instruction (exact word count, no commas, all capitals, first or last word); each rejected answer breaks it"),
        new("bon-math", "RewardBench 2", 50, "the chosen working reaches the right number (computed in code); each rejected working makes a different slip"),
        new("bon-focus", "RewardBench 2", 50, "the chosen answer gives what was asked; each rejected answer is true but answers another question (another attribute or another country)"),
    ];

    private static readonly IReadOnlyDictionary<string, Func<SplitMix64, Rb2Draft>> Draws = new Dictionary<string, Func<SplitMix64, Rb2Draft>>
    {
        ["bon-factuality"] = BonDraws.Factuality,
        ["bon-precise-if"] = BonDraws.PreciseIf,
        ["bon-math"] = BonDraws.Math,
        ["bon-focus"] = BonDraws.Focus,
    };

    public static IReadOnlyList<Rb2Item> GenerateBestOfN(long seed = DefaultSeed)
    {
        var items = new List<Rb2Item>();
        foreach (var info in BonSubsets)
        {
            var index = 0;
            foreach (var draft in Distinct(SplitMix64.Derive(seed, info.Name), Draws[info.Name], info.DefaultCount, info.Name))
                items.Add(new Rb2Item(Row(Text.Inv($"{info.Name}-{++index:D3}"), info.Name, draft), draft.Check));
        }
        return items;
    }

    /// <summary>Ties rows in id order per prompt: ref:1, tied:1, ref:2, tied:2, ...</summary>
    public static IReadOnlyList<Rb2Item> GenerateTies(long seed = DefaultSeed)
    {
        var items = new List<Rb2Item>();
        var n = 0;
        foreach (var draft in Distinct(SplitMix64.Derive(seed, TiesSubset), TiesDraws.Draw, TiesPromptCount, TiesSubset))
        {
            n++;
            // Same prompt (so the two rows share a bootstrap cluster) and same incorrect answers; one correct answer.
            items.Add(new Rb2Item(Row(Text.Inv($"ref:{n}"), TiesSubset, draft with { Chosen = [draft.Chosen[0]] }), draft.Check));
            items.Add(new Rb2Item(Row(Text.Inv($"tied:{n}"), TiesSubset, draft), draft.Check));
        }
        return items;
    }

    public static IReadOnlyList<CanonicalRow> Rows(IEnumerable<Rb2Item> items) => [.. items.Select(i => i.Row)];

    private static CanonicalRow Row(string id, string subset, Rb2Draft draft) => new()
    {
        Id = id,
        Subset = subset,
        Prompt = draft.Prompt,
        Chosen = draft.Chosen,
        Rejected = draft.Rejected,
    };

    /// <summary>Draws until <paramref name="count"/> drafts with distinct prompts; every answer of a draft distinct.</summary>
    private static IEnumerable<Rb2Draft> Distinct(SplitMix64 rng, Func<SplitMix64, Rb2Draft> draw, int count, string subset)
    {
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        var misses = 0;
        while (prompts.Count < count)
        {
            var draft = draw(rng);
            var answers = draft.Chosen.Concat(draft.Rejected).ToList();
            Text.Require(answers.Distinct(StringComparer.Ordinal).Count() == answers.Count && answers.All(a => a.Length > 0 && a.Trim() == a),
                $"{subset}: answers must be distinct, non-empty and trimmed ({draft.Prompt})");
            if (!prompts.Add(draft.Prompt))
            {
                Text.Require(++misses < 5000, $"{subset}: only {prompts.Count} distinct prompts, {count} asked for");
                continue;
            }
            yield return draft;
        }
    }
}
