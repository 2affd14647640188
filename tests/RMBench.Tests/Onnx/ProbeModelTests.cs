using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

/// <summary>Probe graphs in a real ONNX Runtime session: outputs are counted by hand from the rows.</summary>
public class ProbeModelTests
{
    private static readonly long[][] Rows = [[5, 6, 7], [8, 7], [7, 7, 7, 7]];

    [Fact]
    public void Real_token_count_probe_scores_the_unpadded_length()
    {
        Assert.Equal([3f, 2f, 4f], OrtRun.Column(OrtRun.Logits(ProbeModels.RealTokenCount().Graph, Rows)));
    }

    [Fact]
    public void Token_count_probe_counts_only_real_tokens()
    {
        // Padding with the counted id 7 must not count: the mask is 0 there. 7s per row: 1, 1, 4.
        Assert.Equal([1f, 1f, 4f], OrtRun.Column(OrtRun.Logits(ProbeModels.TokenCount(7).Graph, Rows, padId: 7)));
    }

    [Fact]
    public void Last_token_probe_scores_position_and_id_of_the_last_real_token()
    {
        // 1000 * last index + last id: [5,6,7] -> 2007, [8,7] -> 1007, [7,7,7,7] -> 3007.
        var graph = ProbeModels.LastToken(padTokenId: 0).Graph;
        Assert.Equal([2007f, 1007f, 3007f], OrtRun.Column(OrtRun.Logits(graph, Rows, padId: 0)));
    }

    [Fact]
    public void Last_token_probe_changes_with_left_padding_or_a_wrong_pad_id()
    {
        var graph = ProbeModels.LastToken(padTokenId: 0).Graph;
        // Left padding: every row ends at index 3 -> 3007, 3007, 3007.
        Assert.Equal([3007f, 3007f, 3007f], OrtRun.Column(OrtRun.Logits(graph, Rows, padId: 0, leftPad: true)));
        // Padding with 9 instead of 0: pads look like tokens, so short rows score their last pad: 3009, 3009, 3007.
        Assert.Equal([3009f, 3009f, 3007f], OrtRun.Column(OrtRun.Logits(graph, Rows, padId: 9)));
    }

    [Fact]
    public void Multi_label_probe_has_length_count_and_negative_length_columns()
    {
        var model = ProbeModels.MultiLabel(tokenId: 7);
        var logits = OrtRun.Logits(model.Graph, Rows);
        Assert.Equal([3f, 1f, -3f], logits[0]);
        Assert.Equal([2f, 1f, -2f], logits[1]);
        Assert.Equal([4f, 4f, -4f], logits[2]);
        Assert.Equal(["length", "count", "negative_length"], model.Config.LabelNames);
    }
}
