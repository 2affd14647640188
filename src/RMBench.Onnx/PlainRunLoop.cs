using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RMBench.Onnx.Graph.Models;
using RMBench.Onnx.Text;
using RMBench.Core.Models;

namespace RMBench.Onnx;

/// <summary>
/// The reference the harness is measured against: what a user would write by hand with ONNX Runtime's C# API.
/// One <see cref="InferenceSession"/> with default options (optionally an intra-op thread count), and for each
/// batch of already-tokenized rows: right-pad into fresh arrays, wrap them as tensors, <c>Run</c>, read the
/// label column. No journal, no judging, no overlap. Shared by <c>rmbench bench --raw-loop</c>, the
/// <c>ratio</c> benchmark and tools/RMBench.OnnxThroughput, so every figure compares with the same loop.
/// </summary>
public sealed class PlainRunLoop : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly long _padId;
    private readonly bool _typeIds;

    /// <param name="threads">Intra-op threads; 0 = ONNX Runtime's default.</param>
    public PlainRunLoop(string modelPath, long padId, int threads = 0)
    {
        using var options = new SessionOptions();
        if (threads > 0) options.IntraOpNumThreads = threads;
        _session = new InferenceSession(modelPath, options);
        _padId = padId;
        _typeIds = _session.InputMetadata.ContainsKey(RmContract.TokenTypeIds);
    }

    /// <summary>A model export folder's model.onnx with its config.json pad id.</summary>
    public static PlainRunLoop Open(string modelDirectory, int threads = 0)
    {
        var directory = OnnxModelDirectory.Open(modelDirectory);
        return new PlainRunLoop(directory.ModelPath, directory.Config.PadTokenId, threads);
    }

    /// <summary>Scores one batch: logits[:, label] per row.</summary>
    public float[] Run(IReadOnlyList<TokenizedRequest> rows, int label = 0)
    {
        var width = rows.Max(r => r.Ids.Length);
        var size = rows.Count * width;
        var (ids, mask) = (new long[size], new long[size]);
        var types = _typeIds ? new long[size] : null;
        Array.Fill(ids, _padId);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Ids.Length; c++)
            {
                ids[r * width + c] = rows[r].Ids[c];
                mask[r * width + c] = 1;
                if (types is not null) types[r * width + c] = rows[r].TypeIds?[c] ?? 0;
            }
        long[] shape = [rows.Count, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = types is null ? null : OrtValue.CreateTensorValueFromMemory(types, shape);
        var (names, values) = typesValue is null
            ? (new[] { RmContract.InputIds, RmContract.AttentionMask }, new[] { idsValue, maskValue })
            : ([RmContract.InputIds, RmContract.AttentionMask, RmContract.TokenTypeIds], [idsValue, maskValue, typesValue]);
        using var outputs = _session.Run(_runOptions, names, values, [RmContract.Logits]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        var labels = logits.Length / rows.Count;
        var scores = new float[rows.Count];
        for (var r = 0; r < scores.Length; r++) scores[r] = logits[r * labels + label];
        return scores;
    }

    /// <summary>Runs every batch in order and returns the wall time of the loop (padding and tensor creation included).</summary>
    public TimeSpan RunAll(IReadOnlyList<IReadOnlyList<TokenizedRequest>> batches)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches) Run(batch);
        return clock.Elapsed;
    }

    /// <summary>Length-sorted batches of at most <paramref name="batchSize"/> rows (ties by input order), as a hand-written loop makes them.</summary>
    public static List<IReadOnlyList<TokenizedRequest>> SortedBatches(IReadOnlyList<TokenizedRequest> rows, int batchSize) =>
        rows.Select((row, i) => (row, i)).OrderBy(x => x.row.Ids.Length).ThenBy(x => x.i)
            .Select(x => x.row).Chunk(batchSize).Select(c => (IReadOnlyList<TokenizedRequest>)c).ToList();

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
