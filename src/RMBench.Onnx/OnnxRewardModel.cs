using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using BusyClock = RMBench.Core.Running.BusyClock;
using StageTrace = RMBench.Core.Running.StageTrace;
using RMBench.Onnx.Graph.Models;
using RMBench.Onnx.Text;

namespace RMBench.Onnx;

/// <summary>
/// A reward model exported to ONNX (optimum text-classification contract). Requests are encoded by an
/// <see cref="ITextEncoder"/>, right-padded with exactly the model's pad id (attention mask 0 on pads;
/// decoder RMs find their last real token from that), fed as OrtValues over reused buffers, and scored
/// as logits[:, label]. On the CPU with the default threads, batches run at once, one per physical core, each on one
/// intra-op thread (<see cref="DefaultConcurrency"/>); scoring calls are thread-safe.
/// </summary>
public sealed class OnnxRewardModel : IRewardModel, IPlainLoopReference, IThroughputReporting, IStageTimings, IConcurrentModel
{
    private readonly InferenceSession _session;
    private readonly ITextEncoder _encoder;
    private readonly GraphContract _contract;
    private readonly int _label;
    private readonly int _padId;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames = [RmContract.Logits];
    /// <summary>Encodings made by Measure (the runner measures every request before batching), used once by ScoreAsync.</summary>
    private readonly ConcurrentDictionary<string, TokenizedRequest> _encoded = new(StringComparer.Ordinal);
    /// <summary>Padded input buffers, one set per batch in flight, reused across batches.</summary>
    private readonly ConcurrentBag<InputBuffers> _buffers = [];
    private readonly Lock _paddingLock = new();
    private readonly BusyClock _inference = new();
    private readonly bool _cpu;
    private readonly string _modelPath;
    private readonly int _threads;
    private PaddingTotals _padding;
    private long _encodeTicks; // Stopwatch ticks; Measure may encode on several threads

    private OnnxRewardModel(InferenceSession session, ITextEncoder encoder, GraphContract contract, int label, int padId, ModelInfo info, ExecutionDevice device,
        string modelPath, int threads, int concurrency)
    {
        (_modelPath, _threads, DefaultConcurrency) = (modelPath, threads, concurrency);
        _session = session;
        _encoder = encoder;
        _contract = contract;
        _label = label;
        _padId = padId;
        Info = info;
        ExecutionProvider = device.ToString();
        _cpu = device.IsCpu;
        _inputNames = contract.HasTokenTypeIds
            ? [RmContract.InputIds, RmContract.AttentionMask, RmContract.TokenTypeIds]
            : [RmContract.InputIds, RmContract.AttentionMask];
    }

    public ModelInfo Info { get; }
    public string ExecutionProvider { get; }
    public PaddingTotals Padding
    {
        get { lock (_paddingLock) return _padding; }
    }
    public TimeSpan EncodeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _encodeTicks));
    /// <summary>Wall time with at least one batch in ONNX Runtime (concurrent batches count once).</summary>
    public TimeSpan InferenceTime => _inference.Elapsed;

    /// <summary>
    /// Batches the runner keeps in flight. CPU with the default threads: one per physical core, each batch on one intra-op
    /// thread (<see cref="CpuWorkers"/>). Otherwise 1: `--threads N` or a GPU runs one batch at a time, as before.
    /// </summary>
    public int DefaultConcurrency { get; }

    /// <summary>
    /// Batches to run at once on the CPU when --threads is not given: one per physical core. Measured on the 2-core machine
    /// with RMBench.OnnxThroughput concurrency (same 1,024-token batches, 2 batches on 1 thread each against one batch on
    /// ONNX Runtime's 2 threads): encoder 1.08x, decoder 1.02x; small graphs spend much of a 2-thread Run waiting on each other.
    /// </summary>
    public static int CpuWorkers(OnnxSettings settings) => settings.Device.IsCpu && settings.Threads == 0 ? CpuCores.Physical() : 1;

    /// <summary>
    /// Opens an export folder: checks the files and config.json, loads the graph on the device, creates the encoder
    /// and hashes the model files, all three at once (about 0.45, 0.25 and 0.2 s for a 279 MB model); then checks the
    /// graph's contract and picks the label before any encoder error is rethrown, so a bad graph is reported first.
    /// </summary>
    public static async Task<OnnxRewardModel> OpenAsync(string path, OnnxSettings settings, Func<OnnxModelDirectory, ITextEncoder> createEncoder,
        CancellationToken cancellationToken)
    {
        var directory = OnnxModelDirectory.Open(path);
        var workers = CpuWorkers(settings);
        var sessionTask = Task.Run(() => Traced(CreateSession(directory, settings, workers), "onnx session created"), CancellationToken.None);
        var filesTask = Task.Run(async () => Traced(await directory.HashFilesAsync(cancellationToken), "model files hashed"), CancellationToken.None);
        var (encoder, encoderError) = TryCreate(createEncoder, directory);
        InferenceSession session;
        try { session = await sessionTask; }
        catch
        {
            await Observe(filesTask);
            throw;
        }
        try
        {
            var contract = GraphContract.Check(session, directory);
            var (label, labelName) = LabelSelector.Select(contract.NumLabels, directory.Config.Labels, settings.Label);
            encoderError?.Throw();
            var digest = OnnxModelDirectory.Digest(await filesTask, encoder!.TokenizerDigest, encoder.TemplateDigest);
            var info = new ModelInfo
            {
                Id = directory.Name,
                Backend = OnnxBackend.BackendName,
                Digest = digest,
                Deterministic = settings.Device.IsCpu, // GPU kernels (atomics, autotuned TensorRT tactics) may vary run to run
                Settings = new Dictionary<string, string>
                {
                    ["device"] = settings.Device.ToString(),
                    ["label"] = $"{label.ToString(CultureInfo.InvariantCulture)} ({labelName})",
                    ["num_labels"] = contract.NumLabels.ToString(CultureInfo.InvariantCulture),
                    ["max_length"] = encoder.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "none",
                    ["truncation"] = settings.Truncation.ToString().ToLowerInvariant(),
                    ["template"] = encoder.TemplateName,
                    ["template_digest"] = encoder.TemplateDigest,
                    ["tokenizer_digest"] = encoder.TokenizerDigest,
                    ["pad_token_id"] = directory.Config.PadTokenId.ToString(CultureInfo.InvariantCulture),
                    ["pad_token_source"] = directory.Config.PadTokenSource,
                    ["token_type_ids"] = contract.HasTokenTypeIds ? "yes" : "no",
                    ["threads"] = ThreadsSetting(settings, workers),
                    ["graph_optimization"] = "all",
                },
            };
            return new OnnxRewardModel(session, encoder, contract, label, directory.Config.PadTokenId, info, settings.Device, directory.ModelPath, settings.Threads, workers);
        }
        catch
        {
            await Observe(filesTask);
            session.Dispose();
            throw;
        }
    }

    /// <summary>Creates the encoder, keeping its error to report after the graph's (which are checked first).</summary>
    private static (ITextEncoder? Encoder, ExceptionDispatchInfo? Error) TryCreate(Func<OnnxModelDirectory, ITextEncoder> createEncoder, OnnxModelDirectory directory)
    {
        try { return (Traced(createEncoder(directory), "text encoder loaded"), null); }
        catch (Exception e) { return (null, ExceptionDispatchInfo.Capture(e)); }
    }

    private static T Traced<T>(T value, string stage)
    {
        StageTrace.Mark(stage);
        return value;
    }

    /// <summary>Waits for a side task that no longer matters, so its failure is not left unobserved.</summary>
    private static async Task Observe(Task task)
    {
        try { await task; }
        catch { /* the caller is already failing with a more relevant error */ }
    }

    /// <summary>run.json's "threads" (part of the score cache key): "default", N, or "1 per batch" when batches run at once.</summary>
    private static string ThreadsSetting(OnnxSettings settings, int workers) =>
        workers > 1 ? "1 per batch" : settings.Threads == 0 ? "default" : settings.Threads.ToString(CultureInfo.InvariantCulture);

    private static InferenceSession CreateSession(OnnxModelDirectory directory, OnnxSettings settings, int workers)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            // With one intra-op thread ONNX Runtime runs a batch on the calling thread, so concurrent batches use one core each.
            IntraOpNumThreads = workers > 1 ? 1 : settings.Threads,
            InterOpNumThreads = 1,
        };
        settings.Device.Apply(options);
        // Loading from the path lets ONNX Runtime find model.onnx_data beside the model.
        try { return new InferenceSession(directory.ModelPath, options); }
        catch (OnnxRuntimeException e)
        {
            throw new InputException(directory.ModelPath, $"ONNX Runtime cannot load it on {settings.Device}: {e.Message}");
        }
    }

    public TokenMeasure Measure(ScoringRequest request)
    {
        var encoded = _encoded.GetOrAdd(request.Hash, _ => Encode(request));
        return new TokenMeasure(encoded.Ids.Length, encoded.Truncated);
    }

    public int MeasureLength(ScoringRequest request) => Measure(request).Tokens;

    /// <summary>Encodes without keeping the result (the runner's whole-suite pass keeps the ids in a file).</summary>
    public TokenizedRequest Tokenize(ScoringRequest request) => Encode(request);

    public Task<float[]> ScoreTokenizedAsync(IReadOnlyList<TokenizedRequest> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return Task.FromResult(Array.Empty<float>());
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(rows));
    }

    /// <summary>The plain loop (<see cref="PlainRunLoop"/>, CPU, this model's thread setting) over the same ids, warmed up on the middle batch.</summary>
    public TimeSpan TimePlainLoop(IReadOnlyList<IReadOnlyList<TokenizedRequest>> batches)
    {
        using var loop = new PlainRunLoop(_modelPath, _padId, _threads);
        if (batches.Count > 0) loop.Run(batches[batches.Count / 2], _label);
        return loop.RunAll(batches);
    }

    /// <summary>
    /// CPU: up to <see cref="CpuBatchTokens"/> padded tokens a batch, one row at least (long rows go alone or in twos; short
    /// rows batch wider, up to --batch-size). Compared with fixed batches of 8 segment by segment on a quiet 2-core machine
    /// (RMBench.OnnxThroughput segments: contiguous length ranges, rotating order, so machine drift cancels), 1,024 tokens
    /// was 1.04x on the MiniLM-size decoder, as fast on short rows and up to 1.13x on rows over 344 tokens; the former
    /// shape (8 rows, then 2,048 tokens) was 1.00x. GPU: no preference (--batch-size and --batch-tokens decide).
    /// </summary>
    public BatchShape? PreferredBatchShape => _cpu ? new BatchShape(CpuBatchTokens, CpuMinRows) : null;

    public const int CpuBatchTokens = 1024;
    public const int CpuMinRows = 1;

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return Task.FromResult(Array.Empty<float>());
        var rows = batch.Select(e => _encoded.TryRemove(e.Request.Hash, out var encoded) ? encoded : Encode(e.Request)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(rows));
    }

    private TokenizedRequest Encode(ScoringRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var encoded = _encoder.Encode(request);
        Interlocked.Add(ref _encodeTicks, Stopwatch.GetTimestamp() - started);
        if (encoded.Ids.Length == 0)
            throw new InvalidOperationException($"the text encoder produced no tokens for request {request.Hash[..12]}");
        if (encoded.TypeIds is not null && encoded.TypeIds.Length != encoded.Ids.Length)
            throw new InvalidOperationException($"the text encoder produced {encoded.TypeIds.Length} token type ids for {encoded.Ids.Length} ids");
        return encoded;
    }

    private float[] Run(IReadOnlyList<TokenizedRequest> rows)
    {
        var buffers = _buffers.TryTake(out var reused) ? reused : new InputBuffers();
        try { return Run(rows, buffers); }
        finally { _buffers.Add(buffers); }
    }

    private float[] Run(IReadOnlyList<TokenizedRequest> rows, InputBuffers buffers)
    {
        var width = rows.Max(r => r.Ids.Length);
        var size = rows.Count * width;
        buffers.Fill(rows, width, _padId);
        long[] shape = [rows.Count, width];
        var memory = OrtMemoryInfo.DefaultInstance;
        using var ids = OrtValue.CreateTensorValueFromMemory(memory, buffers.Ids.AsMemory(0, size), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(memory, buffers.Mask.AsMemory(0, size), shape);
        using var types = _contract.HasTokenTypeIds ? OrtValue.CreateTensorValueFromMemory(memory, buffers.Types.AsMemory(0, size), shape) : null;
        OrtValue[] inputs = types is null ? [ids, mask] : [ids, mask, types];
        using var outputs = _inference.Time(() => _session.Run(_runOptions, _inputNames, inputs, _outputNames));

        var logits = outputs[0];
        var outShape = logits.GetTensorTypeAndShape().Shape;
        if (outShape.Length != 2 || outShape[0] != rows.Count || outShape[1] != _contract.NumLabels)
            throw new InvalidOperationException($"the graph returned logits of shape [{string.Join(", ", outShape)}]; expected [{rows.Count}, {_contract.NumLabels}]");
        var data = logits.GetTensorDataAsSpan<float>();
        var scores = new float[rows.Count];
        for (var r = 0; r < scores.Length; r++) scores[r] = data[r * _contract.NumLabels + _label];
        var real = rows.Sum(r => (long)r.Ids.Length);
        lock (_paddingLock) _padding = new PaddingTotals(_padding.RealTokens + real, _padding.PaddedTokens + size);
        return scores;
    }

    /// <summary>One batch's input arrays, grown as needed and kept for the next batch.</summary>
    private sealed class InputBuffers
    {
        public long[] Ids = [], Mask = [], Types = [];

        /// <summary>Right padding: ids = pad id and mask = 0 after each row's tokens.</summary>
        public void Fill(IReadOnlyList<TokenizedRequest> rows, int width, long padId)
        {
            var size = rows.Count * width;
            if (Ids.Length < size) (Ids, Mask, Types) = (new long[size], new long[size], new long[size]);
            for (var r = 0; r < rows.Count; r++)
            {
                var (row, offset) = (rows[r], r * width);
                for (var c = 0; c < width; c++)
                {
                    var real = c < row.Ids.Length;
                    Ids[offset + c] = real ? row.Ids[c] : padId;
                    Mask[offset + c] = real ? 1 : 0;
                    Types[offset + c] = real && row.TypeIds is { } typeIds ? typeIds[c] : 0;
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        _runOptions.Dispose();
        return ValueTask.CompletedTask;
    }
}
