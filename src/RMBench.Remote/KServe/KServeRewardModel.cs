using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Text;
using RMBench.Onnx.Text.Templates;
using RMBench.Remote.Http;

namespace RMBench.Remote.KServe;

/// <summary>
/// A reward model behind one or more KServe v2 endpoints (replicas of one model), on the shared
/// <see cref="EndpointPool"/>: least-outstanding routing, retries with backoff (Retry-After honoured), a circuit
/// breaker per endpoint, `ModelUnavailableException` when the retry budget is spent. Opening it checks, on every
/// endpoint, server and model readiness and the model's metadata against what RMBench can send
/// (<see cref="KServeContract"/>) before any inference request. Token inputs are encoded exactly as the onnx backend
/// encodes them (same encoder, right padding with config.json's pad id, attention mask 0 on pads); BYTES inputs get
/// a JSON scoring request (`request`, `rmbench serve`) or the rendered conversation text.
/// </summary>
public class KServeRewardModel : IRewardModel, IConcurrentModel
{
    private readonly EndpointPool _pool;
    private readonly IKServeTransport _transport;
    private readonly KServeSpec _spec;
    private readonly KServeContract _contract;
    private readonly ITextEncoder? _encoder;
    private readonly IChatTemplate? _textTemplate;
    private readonly int _padId;
    private readonly ConcurrentDictionary<string, TokenizedRequest> _encoded = new(StringComparer.Ordinal);

    private protected KServeRewardModel(EndpointPool pool, IKServeTransport transport, KServeSpec spec, KServeContract contract, ITextEncoder? encoder, IChatTemplate? textTemplate, int padId, ModelInfo info)
    {
        _pool = pool;
        _transport = transport;
        _spec = spec;
        _contract = contract;
        _encoder = encoder;
        _textTemplate = textTemplate;
        _padId = padId;
        Info = info;
    }

    public ModelInfo Info { get; }
    /// <summary>4 batches in flight per endpoint.</summary>
    public int DefaultConcurrency => _pool.DefaultConcurrency;
    public KServeContract Contract => _contract;
    public EndpointPool Pool => _pool;

    /// <summary>The pool over the SPEC's URL and the --endpoint replicas, with the gRPC classifier for grpc:// models.</summary>
    public static EndpointPool CreatePool(KServeSpec spec, KServeSettings settings) =>
        new([spec.Url, .. settings.Remote.Endpoints], settings.Remote, $"kserve model '{spec.Model}'", spec.IsGrpc ? GrpcTransport.Classify : null);

    public static IKServeTransport CreateTransport(KServeSpec spec, KServeSettings settings, EndpointPool pool) =>
        spec.IsGrpc ? new GrpcTransport(pool) : new RestTransport(pool, settings.BinaryTensors);

    public static async Task<KServeRewardModel> OpenAsync(KServeSpec spec, KServeSettings settings, CancellationToken cancellationToken)
    {
        var pool = CreatePool(spec, settings);
        var transport = CreateTransport(spec, settings, pool);
        try
        {
            var checkedEndpoints = await pool.PreflightAsync((endpoint, ct) => PreflightAsync(pool, transport, endpoint, spec, ct), cancellationToken);
            var config = settings.TokenizerDirectory is { } dir && File.Exists(Path.Combine(dir, OnnxModelDirectory.ConfigFile))
                ? ModelConfig.Load(Path.Combine(dir, OnnxModelDirectory.ConfigFile)) : null;
            var contracts = checkedEndpoints.Select(c => KServeContract.Check(c.Result, c.Endpoint.Display, settings.TokenizerDirectory is not null, settings.Text.Label, config?.Labels)).ToList();
            var (first, metadata, contract) = (checkedEndpoints[0].Endpoint, checkedEndpoints[0].Result, contracts[0]);
            foreach (var (endpoint, other) in checkedEndpoints.Skip(1))
                if (Signature(other) != Signature(metadata))
                    throw new InputException(endpoint.Display, $"model '{spec.Model}' has {Signature(other)}, not {Signature(metadata)} like {first.Display}: replicas must serve one model");
            ITextEncoder? encoder = null;
            IChatTemplate? template = null;
            var padId = 0;
            if (contract.Mode == KServeInputMode.Tokens)
            {
                // The onnx backend's pad rule: config.json pad_token_id, else eos_token_id (ModelConfig.Load enforces it).
                config ??= ModelConfig.Load(Path.Combine(settings.TokenizerDirectory!, OnnxModelDirectory.ConfigFile));
                encoder = TextEncoderLoader.Load(settings.TokenizerDirectory!, settings.TextOptions);
                padId = config.PadTokenId;
            }
            else if (contract.Mode == KServeInputMode.Text) template = TextTemplate(settings);
            var info = Identity(spec, settings, pool, transport, metadata, contract, encoder, template, config);
            return encoder is null
                ? new KServeRewardModel(pool, transport, spec, contract, null, template, padId, info)
                : new Tokenizing(pool, transport, spec, contract, encoder, padId, info);
        }
        catch
        {
            transport.Dispose();
            await pool.DisposeAsync();
            throw;
        }
    }

    /// <summary>What replicas must agree on: the tensors RMBench sends and reads.</summary>
    private static string Signature(ModelMetadata metadata) =>
        $"inputs [{string.Join("; ", metadata.Inputs)}] outputs [{string.Join("; ", metadata.Outputs)}]";

    /// <summary>
    /// One endpoint's pre-flight: server live and ready, model ready, then its metadata. Run by
    /// <see cref="EndpointPool.PreflightAsync{T}"/> on every endpoint: a transient fault (connection refused, 5xx,
    /// UNAVAILABLE) leaves the endpoint out when others answer (exit 3 "unreachable" when none does); everything else
    /// here (unknown model, 401/403 or UNAUTHENTICATED/PERMISSION_DENIED, not ready, unreadable metadata) is exit 3.
    /// </summary>
    public static async Task<ModelMetadata> PreflightAsync(EndpointPool pool, IKServeTransport transport, RemoteEndpoint endpoint, KServeSpec spec, CancellationToken cancellationToken)
    {
        var where = endpoint.Display;
        var model = spec.Version is null ? $"'{spec.Model}'" : $"'{spec.Model}' version '{spec.Version}'";
        try
        {
            if (!await transport.ServerLiveAsync(endpoint, cancellationToken)) throw new InputException(where, "the server is not live (health/live)");
            if (!await transport.ServerReadyAsync(endpoint, cancellationToken)) throw new InputException(where, "the server is not ready (health/ready)");
            if (!await transport.ModelReadyAsync(endpoint, spec.Model, spec.Version, cancellationToken)) throw new InputException(where, $"model {model} is not ready");
            var metadata = await transport.ModelMetadataAsync(endpoint, spec.Model, spec.Version, cancellationToken);
            if (metadata.Name.Length > 0 && metadata.Name != spec.Model)
                throw new InputException(where, $"asked for model '{spec.Model}' but the server described '{metadata.Name}'");
            return metadata;
        }
        catch (TensorFormatException e)
        {
            throw new InputException(where, $"model {model}: unreadable metadata: {e.Message}");
        }
        catch (Exception e) when (Rejection(pool, e) is var (status, message))
        {
            message = pool.Redact(message);
            throw status switch
            {
                "HTTP 404" or "gRPC NOT_FOUND" => new InputException(where, $"model {model} not found: {message}"),
                "HTTP 401" or "HTTP 403" or "gRPC UNAUTHENTICATED" or "gRPC PERMISSION_DENIED"
                    => new InputException(where, $"{status}: not authorised ({message}); pass --header or --api-key-env"),
                _ => new InputException(where, $"{status}: {message}"),
            };
        }
    }

    /// <summary>A rejection as (status, server message): REST ones come classified, gRPC ones through the pool's classifier.</summary>
    private static (string Status, string Message)? Rejection(EndpointPool pool, Exception e) => e switch
    {
        RemoteRejectedException rejected => (rejected.Status, rejected.ServerMessage),
        TransientRemoteException or InputException or OperationCanceledException => null,
        _ when pool.Classify(e) is { Kind: FaultKind.Rejected } fault => (fault.Status, fault.Message),
        _ => null,
    };

    /// <summary>BYTES text: --chat-template when given, else the tokenizer folder's template, else raw (system, turns and response joined by blank lines).</summary>
    private static IChatTemplate TextTemplate(KServeSettings settings)
    {
        if (settings.TokenizerDirectory is { } dir && TextEncoderLoader.Load(dir, settings.TextOptions) is TextEncoder encoder) return encoder.Template;
        return ChatTemplates.Resolve(settings.Text.ChatTemplate ?? "raw", null, null, new TemplateTokens(null, null), "--chat-template");
    }

    private static ModelInfo Identity(KServeSpec spec, KServeSettings settings, EndpointPool pool, IKServeTransport transport, ModelMetadata metadata, KServeContract contract,
        ITextEncoder? encoder, IChatTemplate? template, ModelConfig? config)
    {
        var version = spec.Version ?? (metadata.Versions.Count > 0 ? string.Join(",", metadata.Versions) : "");
        var s = new Dictionary<string, string>
        {
            ["transport"] = transport.Name,
            ["platform"] = metadata.Platform,
            ["input"] = $"{contract.Mode.ToString().ToLowerInvariant()} ({string.Join(", ", contract.Inputs.Select(i => i.Name))})",
            ["output"] = contract.Output.ToString(),
            ["label"] = $"{contract.Label.ToString(CultureInfo.InvariantCulture)} ({contract.LabelName})",
        };
        if (encoder is not null)
        {
            s["template"] = encoder.TemplateName;
            s["template_digest"] = encoder.TemplateDigest;
            s["tokenizer_digest"] = encoder.TokenizerDigest;
            s["max_length"] = encoder.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "none";
            s["truncation"] = settings.Text.Truncation.ToString().ToLowerInvariant();
            s["pad_token_id"] = config!.PadTokenId.ToString(CultureInfo.InvariantCulture);
            s["pad_token_source"] = config.PadTokenSource;
        }
        if (template is not null)
        {
            s["template"] = template.Name;
            s["template_digest"] = RMBench.Core.IO.Sha256.Hex(template.Definition);
        }
        // KServe metadata has no content digest: the score cache stays off unless --digest pins one (RemoteIdentity).
        var identity = new RemoteIdentity(KServeBackend.BackendName, spec.Model, pool)
        {
            ServerModel = metadata.Name.Length > 0 ? metadata.Name : spec.Model,
            ServerVersion = version,
        };
        return identity.ToModelInfo(spec.Model, s);
    }

    /// <summary>Token inputs: batched and counted by tokens as the onnx backend is (encodings made here are used once by ScoreAsync).</summary>
    private sealed class Tokenizing(EndpointPool pool, IKServeTransport transport, KServeSpec spec, KServeContract contract, ITextEncoder encoder, int padId, ModelInfo info)
        : KServeRewardModel(pool, transport, spec, contract, encoder, null, padId, info), ITokenizingModel
    {
        public TokenMeasure Measure(ScoringRequest request)
        {
            var encoded = _encoded.GetOrAdd(request.Hash, _ => _encoder!.Encode(request));
            return new TokenMeasure(encoded.Ids.Length, encoded.Truncated);
        }

        public int MeasureLength(ScoringRequest request) => Measure(request).Tokens;
    }

    /// <summary>
    /// The tensors are built once; each attempt (on whichever endpoint the pool picks) sends them and reads the score
    /// column. A response that does not fit is a transient fault naming the endpoint (retried, possibly elsewhere).
    /// </summary>
    public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return [];
        var request = new InferenceRequestMessage(null, BuildInputs(batch), [new RequestedOutput(_contract.Output.Name)]);
        return await _pool.ExecuteAsync(async (endpoint, ct) =>
            ReadScores(await _transport.InferAsync(endpoint, _spec.Model, _spec.Version, request, ct), batch.Count, endpoint), cancellationToken);
    }

    /// <summary>The input tensors of one batch (see <see cref="KServeInputMode"/>).</summary>
    public IReadOnlyList<Tensor> BuildInputs(IReadOnlyList<ScoringBatchEntry> batch)
    {
        var rows = batch.Count;
        switch (_contract.Mode)
        {
            case KServeInputMode.Tokens:
                return TokenTensors([.. batch.Select(e => _encoded.TryRemove(e.Request.Hash, out var encoded) ? encoded : _encoder!.Encode(e.Request))]);
            case KServeInputMode.RequestJson:
                return [Tensor.FromByteElements(_contract.Inputs[0].Name, TextShape(rows), [.. batch.Select(e => ScoringRequestJson.Serialize(e.Request))])];
            default:
                return [Tensor.FromStrings(_contract.Inputs[0].Name, TextShape(rows), [.. batch.Select(e => Render(e.Request))])];
        }
    }

    private long[] TextShape(int rows) => _contract.InputRank == 2 ? [rows, 1] : [rows];

    /// <summary>A pair rendering (encoder templates) is sent as prompt and response joined by a blank line.</summary>
    private string Render(ScoringRequest request)
    {
        var rendered = _textTemplate!.Render(request);
        return rendered.Second is null ? rendered.First : rendered.First + "\n\n" + rendered.Second;
    }

    /// <summary>Right padding, as OnnxRewardModel: ids = pad id and mask = 0 after each row's tokens.</summary>
    private List<Tensor> TokenTensors(IReadOnlyList<TokenizedRequest> rows)
    {
        var width = rows.Max(r => r.Ids.Length);
        var (ids, mask, types) = (new long[rows.Count * width], new long[rows.Count * width], new long[rows.Count * width]);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < width; c++)
            {
                var real = c < row.Ids.Length;
                ids[r * width + c] = real ? row.Ids[c] : _padId;
                mask[r * width + c] = real ? 1 : 0;
                types[r * width + c] = real && row.TypeIds is { } t ? t[c] : 0;
            }
        }
        long[] shape = [rows.Count, width];
        var tensors = new List<Tensor>
        {
            Tensor.FromInt64(KServeContract.InputIds, shape, ids),
            Tensor.FromInt64(KServeContract.AttentionMask, shape, mask),
        };
        if (_contract.HasTokenTypeIds) tensors.Add(Tensor.FromInt64(KServeContract.TokenTypeIds, shape, types));
        return tensors;
    }

    /// <summary>The score column of the output; a missing output or a wrong element count is a transient fault naming the endpoint.</summary>
    public float[] ReadScores(InferenceResponseMessage response, int rows, RemoteEndpoint endpoint)
    {
        var name = _contract.Output.Name;
        var output = response.Outputs.FirstOrDefault(o => o.Name == name)
            ?? throw new TransientRemoteException(endpoint, $"the response has no output '{name}' (it has {string.Join(", ", response.Outputs.Select(o => o.Name))})");
        if (!TensorDatatype.IsFloat(output.Datatype))
            throw new TransientRemoteException(endpoint, $"output '{name}' came back as {output.Datatype}, not a floating-point score");
        float[] values;
        try { values = output.ToSingles(); }
        catch (TensorFormatException e) { throw new TransientRemoteException(endpoint, $"output '{name}': {e.Message}", inner: e); }
        var columns = _contract.Columns ?? (output.Shape.Length == 2 ? (int)output.Shape[1] : 1);
        if (values.Length != rows * (long)columns || output.Shape.Length > 0 && output.Shape[0] != rows)
            throw new TransientRemoteException(endpoint, $"output '{name}' has shape [{string.Join(",", output.Shape)}] for {rows} requests (expected {rows} x {columns} scores)");
        if (_contract.Label >= columns)
            throw new TransientRemoteException(endpoint, $"output '{name}' has {columns} columns; --label {_contract.Label} is out of range");
        if (columns == 1) return values;
        var scores = new float[rows];
        for (var r = 0; r < rows; r++) scores[r] = values[r * columns + _contract.Label];
        return scores;
    }

    public ValueTask DisposeAsync()
    {
        _transport.Dispose();
        return _pool.DisposeAsync();
    }
}
