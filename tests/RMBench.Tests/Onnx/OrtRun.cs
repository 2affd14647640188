using Microsoft.ML.OnnxRuntime;
using RMBench.Onnx.Graph;
using RMBench.Onnx.Graph.Models;

namespace RMBench.Tests.Onnx;

/// <summary>Runs a built graph in a real ONNX Runtime session on hand-written rows.</summary>
public static class OrtRun
{
    /// <summary>Logits [rows][labels] for rows right-padded with <paramref name="padId"/> (mask 0 on pads).</summary>
    public static float[][] Logits(OnnxGraph graph, long[][] rows, long padId = 0, bool leftPad = false) =>
        Logits(new InferenceSession(OnnxModelWriter.ToBytes(graph)), rows, padId, leftPad);

    public static float[][] Logits(string modelPath, long[][] rows, long padId = 0, bool leftPad = false) =>
        Logits(new InferenceSession(modelPath), rows, padId, leftPad);

    /// <summary>Takes ownership of the session.</summary>
    public static float[][] Logits(InferenceSession session, long[][] rows, long padId, bool leftPad)
    {
        using (session)
        {
            var width = rows.Max(r => r.Length);
            var ids = new long[rows.Length * width];
            var mask = new long[rows.Length * width];
            for (var r = 0; r < rows.Length; r++)
            {
                var start = leftPad ? width - rows[r].Length : 0;
                for (var c = 0; c < width; c++)
                {
                    var real = c >= start && c < start + rows[r].Length;
                    ids[r * width + c] = real ? rows[r][c - start] : padId;
                    mask[r * width + c] = real ? 1 : 0;
                }
            }
            long[] shape = [rows.Length, width];
            var inputs = new Dictionary<string, OrtValue>
            {
                [RmContract.InputIds] = OrtValue.CreateTensorValueFromMemory(ids, shape),
                [RmContract.AttentionMask] = OrtValue.CreateTensorValueFromMemory(mask, shape),
            };
            if (session.InputMetadata.ContainsKey(RmContract.TokenTypeIds))
                inputs[RmContract.TokenTypeIds] = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs, [RmContract.Logits]);
            foreach (var value in inputs.Values) value.Dispose();
            var logits = outputs[0];
            var labels = (int)logits.GetTensorTypeAndShape().Shape[1];
            var data = logits.GetTensorDataAsSpan<float>().ToArray();
            return Enumerable.Range(0, rows.Length).Select(r => data.AsSpan(r * labels, labels).ToArray()).ToArray();
        }
    }

    public static float[] Column(float[][] logits, int label = 0) => logits.Select(r => r[label]).ToArray();
}
