using System.Collections;
using System.Globalization;
using System.Text;
using RMBench.Core.Data;

namespace RMBench.DataGen.Large;

/// <summary>
/// A large synthetic pairwise dataset for memory and speed measurements (never bundled): row i is a pure
/// function of (seed, i), so the rows are generated on demand while the writer walks them and a million
/// of them never sit in memory at once. Lengths spread like chat data: prompts of 4-60 words, answers of
/// 3-400 words with a long tail (log-uniform), over a small English word list.
/// </summary>
public sealed class LargeDataset(int count, long seed) : IReadOnlyList<CanonicalRow>, IList<CanonicalRow>
{
    /// <summary>The word list of every text (also the vocabulary core of the `encoder` subcommand).</summary>
    public static readonly IReadOnlyList<string> Words =
    [
        "the", "model", "answer", "question", "because", "first", "second", "step", "result", "value", "reward", "policy",
        "data", "number", "function", "returns", "list", "error", "check", "safe", "helpful", "explain", "why", "how",
        "we", "can", "use", "this", "that", "with", "for", "and", "or", "not", "is", "are", "was", "be", "it", "in",
        "code", "python", "math", "proof", "sum", "product", "prime", "even", "odd", "total", "example", "case",
    ];

    public int Count => count;

    public CanonicalRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            var random = new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index));
            var prompt = Sentence(random, random.Next(4, 61));
            var (chosen, rejected) = (Sentence(random, AnswerWords(random)), Sentence(random, AnswerWords(random)));
            return new CanonicalRow
            {
                Id = "large-" + index.ToString("D7", CultureInfo.InvariantCulture),
                Subset = "large-" + (index % 4).ToString(CultureInfo.InvariantCulture),
                Prompt = $"{prompt} (#{index.ToString(CultureInfo.InvariantCulture)})?", // the number keeps every request distinct
                Chosen = [chosen],
                Rejected = [rejected + "."],
            };
        }
        set => throw new NotSupportedException();
    }

    /// <summary>3 x 133^u words for u uniform in [0, 1): 3 to 400 words, median about 35.</summary>
    private static int AnswerWords(SplitMix64 random) => (int)(3 * Math.Pow(400.0 / 3, random.NextDouble()));

    private static string Sentence(SplitMix64 random, int words)
    {
        var sb = new StringBuilder(words * 6);
        for (var w = 0; w < words; w++) sb.Append(w == 0 ? "" : " ").Append(Words[random.Next(Words.Count)]);
        return sb.ToString();
    }

    public IEnumerator<CanonicalRow> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Read-only IList so that LINQ's Skip/Take (the writer's row groups) index instead of re-enumerating from the start.
    public bool IsReadOnly => true;
    public int IndexOf(CanonicalRow item) => throw new NotSupportedException();
    public bool Contains(CanonicalRow item) => throw new NotSupportedException();
    public void CopyTo(CanonicalRow[] array, int arrayIndex)
    {
        for (var i = 0; i < count; i++) array[arrayIndex + i] = this[i];
    }
    public void Add(CanonicalRow item) => throw new NotSupportedException();
    public void Insert(int index, CanonicalRow item) => throw new NotSupportedException();
    public bool Remove(CanonicalRow item) => throw new NotSupportedException();
    public void RemoveAt(int index) => throw new NotSupportedException();
    public void Clear() => throw new NotSupportedException();
}
