namespace RMBench.Onnx.Baseline;

/// <summary>
/// The built-in baseline's features: hashed token unigrams and bigrams, computed identically here (for
/// training) and inside its ONNX graph (for scoring), so the exported model scores exactly what was
/// trained. Unigram slot = id mod B; bigram slot = B + ((id * M + previous id) mod B), int64 arithmetic
/// on non-negative ids. A request's score is the mean weight of its feature occurrences (the mean, not
/// the sum, so that a longer response is not rewarded for its length alone).
/// </summary>
public static class NgramHashing
{
    /// <summary>Hash buckets per table (unigram table, then bigram table).</summary>
    public const long Buckets = 1 << 15;
    /// <summary>Multiplier mixing the current id with the previous one (a prime above any vocabulary size).</summary>
    public const long Multiplier = 1_000_003;
    public const int WeightCount = (int)(2 * Buckets);

    public static int Unigram(long id) => (int)(id % Buckets);

    public static int Bigram(long previous, long current) => (int)(Buckets + (current * Multiplier + previous) % Buckets);

    /// <summary>Feature slots of a token sequence, one per occurrence (L unigrams, L-1 bigrams).</summary>
    public static int[] Slots(ReadOnlySpan<int> ids)
    {
        if (ids.Length == 0) return [];
        var slots = new int[2 * ids.Length - 1];
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) throw new ArgumentOutOfRangeException(nameof(ids), "token ids must be non-negative");
            slots[i] = Unigram(ids[i]);
        }
        for (var i = 1; i < ids.Length; i++)
            slots[ids.Length + i - 1] = Bigram(ids[i - 1], ids[i]);
        return slots;
    }

    /// <summary>The score the graph computes: bias + mean weight over the slots (bias alone for no tokens).</summary>
    public static double Score(ReadOnlySpan<float> weights, float bias, ReadOnlySpan<int> slots)
    {
        if (slots.Length == 0) return bias;
        var sum = 0.0;
        foreach (var slot in slots) sum += weights[slot];
        return bias + sum / slots.Length;
    }
}
