using RMBench.Core.Data;
using RMBench.Core.Requests;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// A prompt with one chosen and one rejected response. Outcome: 1 if score(chosen) &gt; score(rejected);
/// a tie counts 0 (strict, RewardBench) or 0.5 (--ties half) and is always counted.
/// </summary>
public sealed class PairwiseKind : ISuiteKind
{
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
        var turns = KindRows.Turns(row);
        return new SuiteItem(row.Id, row.Subset, KindRows.Cluster(row), Name,
        [
            new ItemRequest("chosen", new ScoringRequest(row.System, turns, row.String("chosen"))),
            new ItemRequest("rejected", new ScoringRequest(row.System, turns, row.String("rejected"))),
        ]);
    }

    /// <remarks>Outcome Extras: the <see cref="ResponseExtras"/> of both responses ("score:chosen",
    /// "score:rejected", "chars:chosen", "chars:rejected"), for the length metrics.</remarks>
    public ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options)
    {
        var extras = ResponseExtras.Add(new Dictionary<string, double>(StringComparer.Ordinal), item, scores);
        var (chosen, rejected) = (scores[0], scores[1]);
        if (!float.IsFinite(chosen) || !float.IsFinite(rejected))
            return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, Invalid: true) { Extras = extras };
        if (chosen > rejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 1, 0, false) { Extras = extras };
        if (chosen < rejected) return new ItemOutcome(item.Id, item.Subset, item.Cluster, 0, 0, false) { Extras = extras };
        var credit = options.Ties == TiePolicy.Half ? 0.5 : 0.0;
        return new ItemOutcome(item.Id, item.Subset, item.Cluster, credit, Ties: 1, Invalid: false) { Extras = extras };
    }
}

/// <summary>Row-to-request helpers shared by kinds.</summary>
public static class KindRows
{
    /// <summary>The conversation turns before the prompt, then the prompt as the final user turn.</summary>
    public static IReadOnlyList<Turn> Turns(DatasetRow row, string promptColumn = "prompt") =>
        [.. row.Conversation, new Turn("user", row.String(promptColumn))];

    /// <summary>Bootstrap cluster: the prompt text (with its history), so items sharing a prompt are resampled together.</summary>
    public static string Cluster(DatasetRow row, string promptColumn = "prompt") =>
        new ScoringRequest(row.System, Turns(row, promptColumn), "").Hash;
}
