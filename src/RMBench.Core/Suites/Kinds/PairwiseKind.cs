using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// A prompt with one chosen and one rejected response. Outcome: 1 if score(chosen) &gt; score(rejected);
/// a tie counts 0 (strict, RewardBench) or 0.5 (--ties half) and is always counted.
/// <para>
/// The final user turn is the suite's template rendered from the row (<see cref="PromptRenderer"/>).
/// A row with a persona is also scored with the persona removed (same template, persona = null): roles
/// <see cref="ChosenNoPersona"/> and <see cref="RejectedNoPersona"/>, judged by the same rule into
/// <see cref="ItemOutcome.Extras"/>[<see cref="NoPersonaExtra"/>] (its tie, if any, in
/// [<see cref="NoPersonaTieExtra"/>]). Value and Ties stay those of the pair with the persona; a non-finite
/// score in either pass makes the item invalid.
/// </para>
/// </summary>
public sealed class PairwiseKind : ISuiteKind, IComparativeKind
{
    /// <summary>Name of the pair's comparison (with the persona when the row has one).</summary>
    public const string PairComparison = "pair";

    public const string ChosenNoPersona = "chosen:no_persona";
    public const string RejectedNoPersona = "rejected:no_persona";
    /// <summary>Extras key: the item's outcome (1, 0, or the tie credit) when judged without the persona.</summary>
    public const string NoPersonaExtra = "no_persona";
    /// <summary>Extras key: 1 when the persona-removed pair tied, else 0.</summary>
    public const string NoPersonaTieExtra = "no_persona_tie";

    public string Name => "pairwise";
    public string Description => "prompt + chosen + rejected; correct when the chosen response scores higher";

    public DatasetSchema Schema { get; } = DatasetSchema.For(
        new ColumnSpec("prompt", ColumnType.String, Required: true),
        new ColumnSpec("chosen", ColumnType.String, Required: true),
        new ColumnSpec("rejected", ColumnType.String, Required: true),
        new ColumnSpec("persona", ColumnType.String, Required: false),
        new ColumnSpec("documents", ColumnType.StringList, Required: false),
        new ColumnSpec("chosen_model", ColumnType.String, Required: false),
        new ColumnSpec("rejected_model", ColumnType.String, Required: false));

    public SuiteItem ToItem(DatasetRow row, SuiteContext context)
    {
        var prompt = context.Prompts.Render(row);
        List<ItemRequest> requests = [.. Pair(row, prompt.Text, "chosen", "rejected")];
        if (prompt.WithoutPersona is { } withoutPersona) requests.AddRange(Pair(row, withoutPersona, ChosenNoPersona, RejectedNoPersona));
        // The cluster stays the row's own prompt: both passes and any template change resample together.
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name, requests) { Truncated = prompt.Truncated };
    }

    private static IEnumerable<ItemRequest> Pair(DatasetRow row, string prompt, string chosenRole, string rejectedRole)
    {
        var turns = KindRows.WithPrompt(row, prompt);
        yield return new ItemRequest(chosenRole, new ScoringRequest(row.System, turns, row.String("chosen")));
        yield return new ItemRequest(rejectedRole, new ScoringRequest(row.System, turns, row.String("rejected")));
    }

    /// <remarks>Outcome Extras: the <see cref="ResponseExtras"/> of both responses ("score:chosen",
    /// "score:rejected", "chars:chosen", "chars:rejected"), for the length metrics; for rows with a
    /// persona also the outcome of the pass without it ("no_persona", "no_persona_tie").</remarks>
    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        // Length metrics see the scored pair only (for persona items: the pass with the persona).
        var extras = ResponseExtras.Add(new Dictionary<string, double>(StringComparer.Ordinal), item, scores, count: 2);
        var outcome = JudgePair(item, scores[0], scores[1], options);
        if (HasPersonaPass(item))
        {
            var withoutPersona = JudgePair(item, scores[2], scores[3], options);
            // An invalid item counts 0 in both passes, so the gap's accuracy equals the suite's accuracy.
            if (outcome.Invalid || withoutPersona.Invalid) outcome = withoutPersona = outcome with { Value = 0, Ties = 0, Invalid = true };
            extras[NoPersonaExtra] = withoutPersona.Value;
            extras[NoPersonaTieExtra] = withoutPersona.Ties;
        }
        return outcome with { Extras = extras };
    }

    /// <summary>The pair, and for rows with a persona the pair without it ("no_persona").</summary>
    public IReadOnlyList<ItemComparison> Comparisons(SuiteItem item) => HasPersonaPass(item)
        ? [new ItemComparison(PairComparison, 0, 1), new ItemComparison(NoPersonaExtra, 2, 3)]
        : [new ItemComparison(PairComparison, 0, 1)];

    /// <summary>A judged pair: its vote credit (a tie at 0 votes under the tie policy); "no_persona" as in <see cref="Judge"/>.</summary>
    public ItemOutcome JudgeComparisons(SuiteItem item, IReadOnlyList<ComparisonVotes> votes, JudgingOptions options)
    {
        var pair = votes[0];
        var outcome = new ItemOutcome(item.Id, item.Subset, item.Cluster, pair.Credit(options), pair.IsTie ? 1 : 0, false);
        if (votes.Count < 2) return outcome;
        return outcome with
        {
            Extras = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [NoPersonaExtra] = votes[1].Credit(options),
                [NoPersonaTieExtra] = votes[1].IsTie ? 1 : 0,
            },
        };
    }

    private static bool HasPersonaPass(SuiteItem item) => item.Requests.Count == 4 && item.Requests[2].Role == ChosenNoPersona;

    private static ItemOutcome JudgePair(SuiteItem item, float chosen, float rejected, JudgingOptions options)
    {
        if (!float.IsFinite(chosen) || !float.IsFinite(rejected))
            return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true);
        if (chosen > rejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 1, 0, false);
        if (chosen < rejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, false);
        var credit = options.Ties == TiePolicy.Half ? 0.5 : 0.0;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, credit, Ties: 1, Invalid: false);
    }
}

/// <summary>Row-to-request helpers shared by kinds.</summary>
public static class KindRows
{
    /// <summary>The conversation turns before the prompt, then the prompt as the final user turn.</summary>
    public static IReadOnlyList<Turn> Turns(DatasetRow row, string promptColumn = "prompt") =>
        WithPrompt(row, row.String(promptColumn));

    /// <summary>The conversation turns before the prompt, then <paramref name="prompt"/> (e.g. a rendered template) as the final user turn.</summary>
    public static IReadOnlyList<Turn> WithPrompt(DatasetRow row, string prompt) =>
        [.. row.Conversation, new Turn("user", prompt)];

    /// <summary>Bootstrap cluster: the prompt text (with its history), so items sharing a prompt are resampled together.</summary>
    public static string Cluster(DatasetRow row, string promptColumn = "prompt") =>
        new ScoringRequest(row.System, Turns(row, promptColumn), "").Hash;
}
