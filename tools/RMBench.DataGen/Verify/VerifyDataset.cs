using RMBench.Core.Data;

namespace RMBench.DataGen.Verify;

/// <summary>A generated row with the question behind it (for tests and audits).</summary>
public sealed record VerifyItem(CanonicalRow Row, VerifyQuestion Question, VerifyCompletion Completion);

/// <summary>
/// The bundled dataset of the <c>verify</c> suite: <see cref="QuestionsPerType"/> questions per answer type,
/// four completions each (short correct, worked correct, short wrong, long confident wrong). Every
/// <see cref="DevEvery"/>-th question of a type goes to subset "dev" (the calibration split), the rest to
/// "test". Deterministic (a SplitMix64 stream per answer type).
/// </summary>
public static class VerifyDataset
{
    public const long DefaultSeed = 20261201;
    public const string FileName = "verify.parquet";
    public const int QuestionsPerType = 16;
    public const int DevEvery = 4;

    public static IReadOnlyList<VerifyItem> Generate(long seed = DefaultSeed)
    {
        var items = new List<VerifyItem>();
        foreach (var type in VerifyQuestions.AnswerTypes)
        {
            var rng = SplitMix64.Derive(seed, $"verify/{type}");
            var questions = new HashSet<string>(StringComparer.Ordinal);
            for (var draws = 0; questions.Count < QuestionsPerType; draws++)
            {
                Text.Require(draws < 100 * QuestionsPerType, $"answer type {type}: too few distinct questions");
                var q = VerifyQuestions.Draw(type, rng);
                if (!questions.Add(q.Question)) continue;
                Check(q);
                var index = questions.Count - 1;
                var subset = index % DevEvery == 0 ? "dev" : "test";
                for (var c = 0; c < q.Completions.Count; c++)
                {
                    var completion = q.Completions[c];
                    items.Add(new VerifyItem(new CanonicalRow
                    {
                        Id = Text.Inv($"{type}-{index:D2}-{c}"),
                        Subset = subset,
                        Prompt = q.Question,
                        Reference = q.Reference,
                        Completion = completion.Text,
                        Label = completion.Correct,
                        AnswerType = type,
                    }, q, completion));
                }
            }
        }
        return items;
    }

    /// <summary>Each completion states its final answer; correct ones state the reference, wrong ones something else.</summary>
    private static void Check(VerifyQuestion q)
    {
        foreach (var c in q.Completions)
        {
            Text.Require(c.Text.Contains(c.Final, StringComparison.Ordinal), $"'{q.Question}': '{c.Text}' does not state '{c.Final}'");
            Text.Require(c.Correct == (c.Final == q.Reference), $"'{q.Question}': '{c.Text}' is labelled {c.Correct} against the reference '{q.Reference}'");
        }
    }
}
