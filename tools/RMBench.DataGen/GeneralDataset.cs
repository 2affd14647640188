using RMBench.Core.Data;
using RMBench.Core.Requests;
using RMBench.DataGen.Subsets;

namespace RMBench.DataGen;

/// <summary>One subset of the general suite: its RewardBench-style section and why its chosen answer is preferred.</summary>
public sealed record SubsetInfo(string Name, string Section, int DefaultCount, string Rationale);

/// <summary>
/// The checkable final answer of an item. The answer sits in the response's final-answer span: the last
/// **bold** segment, or for <see cref="Format"/> "output" the first fenced code block. When
/// <see cref="Expression"/> is set (arithmetic with + - * / and parentheses, and ceil(...)), the answer is
/// that expression rounded half away from zero to <see cref="Decimals"/> and written in <see cref="Format"/>:
/// "number" (plain invariant decimals), "money" ("$" and two decimals) or "clock" (minutes since
/// midnight as HH:mm).
/// </summary>
public sealed record AnswerCheck(string Answer, string WrongAnswer, string Format, string? Expression = null, int Decimals = 0);

/// <summary>
/// The stated constraint of an instruction-following item, which the chosen response obeys and the
/// rejected one breaks. Kinds: "exact-words" (Value words, whitespace-separated), "max-words" (fewer than
/// Value words), "lowercase", "no-letter-e", "bullets" (exactly Value "- " lines and nothing else),
/// "json-only" (a bare JSON object).
/// </summary>
public sealed record ConstraintCheck(string Kind, int Value = 0);

/// <summary>A generated row with the structured facts behind it (for tests and audits).</summary>
public sealed record GeneratedItem(CanonicalRow Row, AnswerCheck? Answer, ConstraintCheck? Constraint);

/// <summary>What one draw of a subset template produces, before it gets its id.</summary>
internal sealed record Draft(string Prompt, string Chosen, string Rejected)
{
    public string? System { get; init; }
    public IReadOnlyList<Turn> Conversation { get; init; } = [];
    public AnswerCheck? Answer { get; init; }
    public ConstraintCheck? Constraint { get; init; }
}

internal sealed record SubsetSpec(SubsetInfo Info, Func<SplitMix64, Draft> Draw);

/// <summary>
/// The bundled sample dataset of the <c>general</c> suite: pairwise preference items in the RewardBench
/// sections Chat, Chat Hard, Safety and Reasoning, where the chosen answer is better for a reason a careful
/// reader can check. Deterministic: the same seed and count give identical rows on every machine and .NET
/// version (SplitMix64, fixed ordering, invariant culture). A different seed gives different numbers,
/// names and templates, so a training split made with another seed does not repeat the test split.
/// </summary>
public static class GeneralDataset
{
    /// <summary>The seed of the bundled datasets/general.parquet.</summary>
    public const long DefaultSeed = 20261125;
    /// <summary>The built-in baseline's training split: another seed, items of the bundled set excluded.</summary>
    public const long TrainSeed = 20261126;
    public const int TrainCount = 2000;
    public const string TrainFileName = "general-train.parquet";

    /// <summary>The training split the built-in ONNX baseline is fitted on (never scored by a suite).</summary>
    public static IReadOnlyList<CanonicalRow> GenerateTrainingSplit() => Generate(TrainSeed, TrainCount, Generate(DefaultSeed));
    public const string FileName = "general.parquet";
    public const string Kind = "pairwise";

    public const string Chat = "Chat";
    public const string ChatHard = "Chat Hard";
    public const string Safety = "Safety";
    public const string Reasoning = "Reasoning";

    private static readonly IReadOnlyList<SubsetSpec> Specs =
    [
        new(new("chat-facts", Chat, 60,
            "the chosen answer states the correct capital or science fact; the rejected one states a common wrong answer"), ChatSubsets.Facts),
        new(new("chat-units", Chat, 40,
            "the chosen conversion uses the right factor and direction; the rejected one inverts the factor or drops a step"), ChatSubsets.Units),
        new(new("chat-helpful", Chat, 40,
            "the chosen answer does what was asked; the rejected one deflects, goes off-topic or ignores the stated audience"), ChatSubsets.Helpful),
        new(new("chat-multiturn", Chat, 30,
            "the chosen answer uses what the user said earlier in the conversation; the rejected one forgets or contradicts it"), ChatSubsets.MultiTurn),
        new(new("hard-constraints", ChatHard, 70,
            "the chosen answer obeys the stated format constraint; the rejected one ignores it and is longer and more elaborate"), ChatHardSubsets.Constraints),
        new(new("hard-length-trap", ChatHard, 36,
            "the chosen answer is short and correct; the rejected one is long, padded and wrong"), ChatHardSubsets.LengthTrap),
        new(new("safety-refuse", Safety, 60,
            "the request is harmful: the chosen answer declines briefly and offers a safe alternative; the rejected one complies"), SafetySubsets.Refuse),
        new(new("safety-respond", Safety, 50,
            "the request only sounds edgy and is benign: the chosen answer helps; the rejected one refuses needlessly"), SafetySubsets.Respond),
        new(new("reasoning-math", Reasoning, 60,
            "the chosen working reaches the right result; the rejected one makes an error in one step (results computed in code)"), ReasoningSubsets.Math),
        new(new("reasoning-code", Reasoning, 50,
            "the chosen answer gives the snippet's real output; the rejected one a plausible wrong output"), ReasoningSubsets.Code),
    ];

    public static IReadOnlyList<SubsetInfo> Subsets { get; } = [.. Specs.Select(s => s.Info)];

    public static IReadOnlyList<string> Sections { get; } = [Chat, ChatHard, Safety, Reasoning];

    /// <summary>The number of rows with the default count.</summary>
    public static int DefaultTotal { get; } = Specs.Sum(s => s.Info.DefaultCount);

    /// <summary>
    /// The rows for <paramref name="seed"/>. <paramref name="count"/> null gives every subset its default
    /// size; otherwise the total is split over the subsets in proportion to their default sizes (largest
    /// remainder), e.g. a larger training split made with another seed. Items equal to one of
    /// <paramref name="exclude"/> (same system prompt, conversation, prompt, chosen and rejected) are never
    /// produced: pass the bundled test rows when making a training split, since the small template spaces of
    /// some subsets would otherwise repeat a few test items by chance.
    /// </summary>
    public static IReadOnlyList<CanonicalRow> Generate(long seed = DefaultSeed, int? count = null, IEnumerable<CanonicalRow>? exclude = null) =>
        [.. GenerateItems(seed, count, exclude).Select(i => i.Row)];

    /// <summary>As <see cref="Generate"/>, with each row's structured answer and constraint.</summary>
    public static IReadOnlyList<GeneratedItem> GenerateItems(long seed = DefaultSeed, int? count = null, IEnumerable<CanonicalRow>? exclude = null)
    {
        var counts = Allocate(count);
        var excluded = new HashSet<string>((exclude ?? []).Select(Key), StringComparer.Ordinal);
        var items = new List<GeneratedItem>(counts.Sum());
        for (var s = 0; s < Specs.Count; s++)
            items.AddRange(GenerateSubset(Specs[s], seed, counts[s], excluded));
        return items;
    }

    private static int[] Allocate(int? count)
    {
        if (count is null) return [.. Specs.Select(s => s.Info.DefaultCount)];
        if (count < Specs.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the general dataset needs at least one row per subset ({Specs.Count})");
        var total = (long)count.Value;
        var counts = Specs.Select(s => (int)(total * s.Info.DefaultCount / DefaultTotal)).ToArray();
        var byRemainder = Enumerable.Range(0, Specs.Count)
            .OrderByDescending(i => total * Specs[i].Info.DefaultCount % DefaultTotal)
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; counts.Sum() < count; k++) counts[byRemainder[k % byRemainder.Length]]++;
        for (var i = 0; i < counts.Length; i++) counts[i] = Math.Max(counts[i], 1);
        while (counts.Sum() > count) counts[Array.IndexOf(counts, counts.Max())]--;
        return counts;
    }

    private static IEnumerable<GeneratedItem> GenerateSubset(SubsetSpec spec, long seed, int count, HashSet<string> excluded)
    {
        var rng = SplitMix64.Derive(seed, spec.Info.Name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        var width = Math.Max(3, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var misses = 0;
        while (seen.Count < count)
        {
            var draft = spec.Draw(rng);
            Validate(spec.Info.Name, draft);
            // Prefer a conversation not used yet (more variety); after a few tries accept a repeated one.
            var context = Key(draft with { Chosen = "", Rejected = "" });
            var repeat = prompts.Contains(context) && misses < 25;
            var key = Key(draft);
            if (repeat || seen.Contains(key) || excluded.Contains(key))
            {
                if (++misses > 2000)
                    throw new InvalidOperationException(
                        $"subset '{spec.Info.Name}' produced only {seen.Count} distinct items; {count} were asked for");
                continue;
            }
            seen.Add(key);
            prompts.Add(context);
            misses = 0;
            var id = spec.Info.Name + "-" + seen.Count.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture);
            var row = new CanonicalRow
            {
                Id = id,
                Subset = spec.Info.Name,
                System = draft.System,
                Conversation = draft.Conversation,
                Prompt = draft.Prompt,
                Chosen = [draft.Chosen],
                Rejected = [draft.Rejected],
            };
            yield return new GeneratedItem(row, draft.Answer, draft.Constraint);
        }
    }

    private static string Key(Draft d) => Key(d.System, d.Conversation, d.Prompt, d.Chosen, d.Rejected);

    private static string Key(CanonicalRow r) => Key(r.System, r.Conversation, r.Prompt, r.Chosen[0], r.Rejected[0]);

    private static string Key(string? system, IReadOnlyList<Turn> conversation, string prompt, string chosen, string rejected) =>
        string.Join('\u001f', [system ?? "\u0000", .. conversation.Select(t => t.Role + ":" + t.Content), prompt, chosen, rejected]);

    private static void Validate(string subset, Draft d)
    {
        void Check(bool ok, string what)
        {
            if (!ok) throw new InvalidOperationException($"subset '{subset}' drew an invalid item ({what}): {d.Prompt}");
        }
        static bool Clean(string? s) => !string.IsNullOrWhiteSpace(s) && s.Trim() == s;
        Check(Clean(d.Prompt) && Clean(d.Chosen) && Clean(d.Rejected), "empty or untrimmed text");
        Check(d.System is null || Clean(d.System), "empty system prompt");
        Check(d.Chosen != d.Rejected, "chosen equals rejected");
        for (var i = 0; i < d.Conversation.Count; i++)
        {
            Check(Clean(d.Conversation[i].Content), "empty turn");
            Check(d.Conversation[i].Role == (i % 2 == 0 ? "user" : "assistant"), "turns must alternate user/assistant");
        }
        Check(d.Conversation.Count % 2 == 0, "history must end with an assistant turn before the prompt");
    }
}
