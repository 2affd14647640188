using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Errors;
using RMBench.Onnx.Graph;

namespace RMBench.Onnx.LanguageModel;

/// <summary>One token sequence to score: log p(ids[t] | ids[..t]) for t = From..Ids.Length-1 (From &gt;= 1).</summary>
internal readonly record struct LmRow(int[] Ids, int From);

/// <summary>
/// A causal LM split by <see cref="LmGraphSplit"/> into two ONNX Runtime sessions: the body runs the right-padded
/// batch and returns the last hidden state [batch, seq, hidden]; the head turns at most <see cref="ChunkRows"/>
/// positions at a time into the log-probabilities of their next tokens. Memory is the body's activations plus
/// ChunkRows x vocab floats (twice: logits and log-softmax), never [batch, seq, vocab].
/// </summary>
internal sealed class LmSession : IDisposable
{
    /// <summary>Floats of logits per head call: 16M floats = 64 MB (x2 with the log-softmax).</summary>
    private const long HeadFloatBudget = 16L << 20;

    private readonly InferenceSession _body;
    private readonly InferenceSession _head;
    private readonly string _hiddenName;
    private readonly bool _positions;
    private readonly int _padId;
    private readonly RunOptions _runOptions = new();
    /// <summary>The lm_head weight, pinned managed memory fed to every head call.</summary>
    private readonly OrtValue _weight;

    private LmSession(InferenceSession body, InferenceSession head, LmGraphSplit split, int padId)
    {
        _body = body;
        _head = head;
        _hiddenName = split.HiddenName;
        _weight = OrtValue.CreateTensorValueFromMemory(split.HeadWeight, [split.HiddenSize, split.VocabSize]);
        _positions = split.Inputs.Contains("position_ids");
        _padId = padId;
        HiddenSize = split.HiddenSize;
        VocabSize = split.VocabSize;
        ChunkRows = (int)Math.Clamp(HeadFloatBudget / VocabSize, 1, 4096);
    }

    public int HiddenSize { get; }
    public int VocabSize { get; }
    public int ChunkRows { get; }

    public static LmSession Open(OnnxModelDirectory directory, int padId, OnnxSettings settings)
    {
        var split = LmGraphSplit.Read(directory.ModelPath);
        var allowed = new[] { "input_ids", "attention_mask", "position_ids" };
        var problems = split.Inputs.Where(i => !allowed.Contains(i))
            .Select(i => new InputProblem(directory.ModelPath, $"graph input '{i}' is not part of the text-generation contract (input_ids, attention_mask, position_ids); export without past key values (`--task text-generation`)")).ToList();
        foreach (var required in allowed.Take(2).Where(r => !split.Inputs.Contains(r)))
            problems.Add(new InputProblem(directory.ModelPath, $"graph has no input '{required}'"));
        if (problems.Count > 0) throw new InputException(problems);

        using var options = SessionOptionsFor(settings);
        // The body is loaded from memory; ONNX Runtime finds its external data (model.onnx_data) in the folder named here.
        InferenceSession body;
        try
        {
            options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", directory.Path);
            body = new InferenceSession(split.Body, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InputException(directory.ModelPath, $"ONNX Runtime cannot load it on {settings.Device}: {e.Message}");
        }
        try
        {
            var head = new InferenceSession(OnnxModelWriter.ToBytes(split.Head), options);
            return new LmSession(body, head, split, padId);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static SessionOptions SessionOptionsFor(OnnxSettings settings)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = settings.Threads,
            InterOpNumThreads = 1,
            // Activations of long sequences are large and their shapes vary: an arena would keep the largest ever seen.
            EnableCpuMemArena = false,
        };
        settings.Device.Apply(options);
        return options;
    }

    /// <summary>Per row, the log-probabilities of tokens From..end, in order (doubles of the head's floats).</summary>
    public double[][] LogProbs(IReadOnlyList<LmRow> rows)
    {
        var results = rows.Select(r => new double[Math.Max(0, r.Ids.Length - First(r))]).ToArray();
        if (rows.Count == 0) return results;
        var width = rows.Max(r => r.Ids.Length);
        var size = rows.Count * width;
        var (ids, mask, positions) = (new long[size], new long[size], new long[size]);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < width; c++)
            {
                var real = c < rows[r].Ids.Length;
                ids[r * width + c] = real ? rows[r].Ids[c] : _padId;
                mask[r * width + c] = real ? 1 : 0;
                positions[r * width + c] = real ? c : 1; // transformers: cumsum(mask) - 1, pads filled with 1
            }
        long[] shape = [rows.Count, width];
        var memory = OrtMemoryInfo.DefaultInstance;
        using var idsValue = OrtValue.CreateTensorValueFromMemory(memory, ids.AsMemory(), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(memory, mask.AsMemory(), shape);
        using var positionsValue = _positions ? OrtValue.CreateTensorValueFromMemory(memory, positions.AsMemory(), shape) : null;
        string[] names = _positions ? ["input_ids", "attention_mask", "position_ids"] : ["input_ids", "attention_mask"];
        OrtValue[] inputs = positionsValue is null ? [idsValue, maskValue] : [idsValue, maskValue, positionsValue];
        using var outputs = _body.Run(_runOptions, names, inputs, [_hiddenName]);
        var hiddenShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (hiddenShape.Length != 3 || hiddenShape[0] != rows.Count || hiddenShape[1] != width || hiddenShape[2] != HiddenSize)
            throw new InvalidOperationException($"the graph returned a hidden state of shape [{string.Join(", ", hiddenShape)}]; expected [{rows.Count}, {width}, {HiddenSize}]");
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        var chunk = new float[ChunkRows * HiddenSize];
        var targets = new long[ChunkRows];
        var owners = new (int Row, int Index)[ChunkRows];
        var filled = 0;
        for (var r = 0; r < rows.Count; r++)
            for (var t = First(rows[r]); t < rows[r].Ids.Length; t++)
            {
                // The hidden state at t - 1 predicts token t.
                hidden.Slice((r * width + t - 1) * HiddenSize, HiddenSize).CopyTo(chunk.AsSpan(filled * HiddenSize));
                targets[filled] = rows[r].Ids[t];
                owners[filled++] = (r, t - First(rows[r]));
                if (filled == ChunkRows) filled = RunHead(chunk, targets, owners, filled, results);
            }
        if (filled > 0) RunHead(chunk, targets, owners, filled, results);
        return results;
    }

    /// <summary>The first scored position: token 0 has no context to be predicted from.</summary>
    public static int First(LmRow row) => Math.Max(1, row.From);

    private int RunHead(float[] chunk, long[] targets, (int Row, int Index)[] owners, int count, double[][] results)
    {
        var memory = OrtMemoryInfo.DefaultInstance;
        using var hidden = OrtValue.CreateTensorValueFromMemory(memory, chunk.AsMemory(0, count * HiddenSize), [count, HiddenSize]);
        using var next = OrtValue.CreateTensorValueFromMemory(memory, targets.AsMemory(0, count), [count]);
        using var outputs = _head.Run(_runOptions, [LmGraphSplit.HeadHidden, LmGraphSplit.HeadTargets, LmGraphSplit.HeadWeightInput], [hidden, next, _weight], [LmGraphSplit.HeadLogProbs]);
        var logProbs = outputs[0].GetTensorDataAsSpan<float>();
        for (var i = 0; i < count; i++) results[owners[i].Row][owners[i].Index] = logProbs[i];
        return 0;
    }

    public void Dispose()
    {
        _body.Dispose();
        _head.Dispose();
        _weight.Dispose();
        _runOptions.Dispose();
    }
}
