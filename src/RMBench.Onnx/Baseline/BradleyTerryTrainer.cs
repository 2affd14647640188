namespace RMBench.Onnx.Baseline;

/// <summary>One training preference: feature slots of the chosen and of the rejected request.</summary>
public sealed record PreferencePair(int[] Chosen, int[] Rejected);

/// <summary>Training settings; the defaults are the built-in baseline's recipe.</summary>
/// <param name="L2">Ridge penalty on the weights (per pair, i.e. the loss is a mean).</param>
public sealed record TrainingOptions(int Iterations = 400, double LearningRate = 0.5, double L2 = 1e-4);

/// <summary>
/// Fits a Bradley-Terry reward model: P(chosen beats rejected) = sigmoid(s(chosen) - s(rejected)), with
/// s the mean hashed n-gram weight (<see cref="NgramHashing"/>), by full-batch Adam on the mean log-loss
/// plus an L2 penalty. Full-batch, fixed iteration count and sequential sums make it deterministic: the
/// same pairs give the same weights bit for bit, so the exported model's digest is reproducible.
/// </summary>
public static class BradleyTerryTrainer
{
    public static float[] Train(IReadOnlyList<PreferencePair> pairs, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("no training pairs", nameof(pairs));
        options ??= new TrainingOptions();
        var differences = pairs.Select(Difference).ToArray();
        var weights = new double[NgramHashing.WeightCount];
        var gradient = new double[weights.Length];
        var (m, v) = (new double[weights.Length], new double[weights.Length]);
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        for (var step = 1; step <= options.Iterations; step++)
        {
            Array.Clear(gradient);
            foreach (var difference in differences)
            {
                var margin = 0.0;
                foreach (var (slot, value) in difference) margin += weights[slot] * value;
                // d/dmargin of log(1 + exp(-margin)) = -sigmoid(-margin)
                var scale = -1.0 / (1.0 + Math.Exp(margin)) / differences.Length;
                foreach (var (slot, value) in difference) gradient[slot] += scale * value;
            }
            var (correction1, correction2) = (1 - Math.Pow(beta1, step), 1 - Math.Pow(beta2, step));
            for (var i = 0; i < weights.Length; i++)
            {
                var g = gradient[i] + options.L2 * weights[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                weights[i] -= options.LearningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + epsilon);
            }
        }
        return [.. weights.Select(w => (float)w)];
    }

    /// <summary>Mean-normalised chosen features minus rejected features, as sorted (slot, value) pairs.</summary>
    private static (int Slot, double Value)[] Difference(PreferencePair pair)
    {
        var values = new SortedDictionary<int, double>();
        void Add(int[] slots, double sign)
        {
            foreach (var slot in slots) values[slot] = values.GetValueOrDefault(slot) + sign / slots.Length;
        }
        if (pair.Chosen.Length > 0) Add(pair.Chosen, +1);
        if (pair.Rejected.Length > 0) Add(pair.Rejected, -1);
        return [.. values.Where(kv => kv.Value != 0).Select(kv => (kv.Key, kv.Value))];
    }
}
