using RMBench.Onnx.Baseline;

namespace RMBench.Tests.Onnx.Baseline;

public class BaselineTrainingTests
{
    [Fact]
    public void Slots_are_unigrams_then_bigrams_hashed_into_two_tables()
    {
        var slots = NgramHashing.Slots([1, 2, 70000]);
        const long b = NgramHashing.Buckets, m = NgramHashing.Multiplier;
        // unigrams: id mod B; bigrams: B + (current * M + previous) mod B (computed by hand from the definition)
        Assert.Equal([1, 2, (int)(70000 % b), (int)(b + (2 * m + 1) % b), (int)(b + (70000 * m + 2) % b)], slots);
        Assert.Empty(NgramHashing.Slots([]));
    }

    [Fact]
    public void Score_is_bias_plus_mean_weight_of_the_slots()
    {
        var weights = new float[NgramHashing.WeightCount];
        weights[3] = 1.5f;
        weights[7] = -0.5f;
        Assert.Equal(0.25 + (1.5 + 1.5 - 0.5) / 3, NgramHashing.Score(weights, 0.25f, [3, 3, 7]), 6);
        Assert.Equal(0.25, NgramHashing.Score(weights, 0.25f, []), 6);
    }

    [Fact]
    public void Training_prefers_the_features_of_chosen_answers_and_is_bit_for_bit_deterministic()
    {
        // Token 5 marks chosen answers, token 6 rejected ones; token 9 is shared context.
        var pairs = Enumerable.Range(0, 20)
            .Select(i => new PreferencePair(NgramHashing.Slots([9, 5, i]), NgramHashing.Slots([9, 6, i])))
            .ToList();
        var first = BradleyTerryTrainer.Train(pairs);
        var second = BradleyTerryTrainer.Train(pairs);

        Assert.Equal(first, second);
        Assert.True(first[NgramHashing.Unigram(5)] > 0, "the chosen marker gets a positive weight");
        Assert.True(first[NgramHashing.Unigram(6)] < 0, "the rejected marker gets a negative weight");
        Assert.All(pairs, p => Assert.True(NgramHashing.Score(first, 0, p.Chosen) > NgramHashing.Score(first, 0, p.Rejected)));
    }
}
