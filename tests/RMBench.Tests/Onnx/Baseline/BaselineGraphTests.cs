using RMBench.Core.Statistics;
using RMBench.Onnx.Baseline;

namespace RMBench.Tests.Onnx.Baseline;

public class BaselineGraphTests
{
    [Fact]
    public void The_onnx_graph_scores_exactly_what_the_trainer_optimised_whatever_the_padding()
    {
        var rng = new Pcg32(11);
        var weights = Enumerable.Range(0, NgramHashing.WeightCount).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        const float bias = 0.125f;
        long[][] rows =
        [
            [100257, 5, 17, 99999],
            [3],
            [70000, 70000, 70000, 1, 2, 3, 4, 5, 6],
            [12, 34],
        ];

        var logits = OrtRun.Logits(BaselineGraph.Build(weights, bias), rows, padId: 100257, leftPad: false);

        for (var i = 0; i < rows.Length; i++)
        {
            var slots = NgramHashing.Slots(rows[i].Select(id => (int)id).ToArray());
            Assert.Equal(NgramHashing.Score(weights, bias, slots), logits[i][0], 4);
        }
    }
}
