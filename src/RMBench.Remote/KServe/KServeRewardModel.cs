using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Onnx;
using RMBench.Onnx.Text;
using RMBench.Onnx.Text.Templates;

namespace RMBench.Remote.KServe;

/// <summary>
/// A reward model behind a KServe v2 endpoint. Opening it checks server and model readiness and the model's
/// metadata against what RMBench can send (<see cref="KServeContract"/>) before any inference request.
/// Token inputs are encoded exactly as the onnx backend encodes them (same encoder, right padding with
/// config.json's pad id, attention mask 0 on pads); BYTES inputs get a JSON scoring request (`request`,
/// `rmbench serve`) or the rendered conversation text.
/// </summary>
public class KServeRewardModel : IRewardModel, IConcurrentModel
{
    /// <summary>Batches in flight per endpoint by default.</summary>
    public const int ConcurrencyPerEndpoint = 4;

    private readonly IKServeTransport _transport;
    private readonly KServeSpec _spec;
    private readonly KServeContract _contract;
    private readonly ITextEncoder? _encoder;
    private readonly IChatTemplate? _textTemplate;
    private readonly int _padId;
    private readonly ConcurrentDictionary<string, EncodedRequest> _encoded = new(StringComparer.Ordinal);

    private protected KServeRewardModel(IKServeTransport transport, KServeSpec spec, KServeContract contract, ITextEncoder? encoder, IChatTemplate? textTemplate, int padId, ModelInfo info)
    {
        _transport = transport;
        _spec = spec;
        _contract = contract;
        _encoder = encoder;
        _textTemplate = textTemplate;
        _padId = padId;
        Info = info;
    }

    public ModelInfo Info { get; }
    public int DefaultConcurrency => ConcurrencyPerEndpoint;
    public KServeContract Contract => _contract;

    public static IKServeTransport CreateTransport(KServeSpec spec, KServeSettings settings) => spec.IsGrpc
        ? new GrpcTransport(spec.Url, settings.Timeout, settings.Headers)
        : new RestTransport(spec.Url, settings.BinaryTensors, settings.Timeout, settings.Headers);

    public static async Task<KServeRewardModel> OpenAsync(KServeSpec spec, KServeSettings settings, CancellationToken cancellationToken)
    {
        var transport = CreateTransport(spec, settings);
        try
        {
            var metadata = await PreflightAsync(transport, spec, cancellationToken);
            var config = settings.TokenizerDirectory is { } dir && File.Exists(Path.Combine(dir, OnnxModelDirectory.ConfigFile))
                ? ModelConfig.Load(Path.Combine(dir, OnnxModelDirectory.ConfigFile)) : null;
            var contract = KServeContract.Check(metadata, transport.Endpoint, settings.TokenizerDirectory is not null, settings.Text.Label, config?.Labels);
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
            var info = Identity(spec, settings, metadata, contract, encoder, template, transport.Endpoint, config);
            return encoder is null
                ? new KServeRewardModel(transport, spec, contract, null, template, padId, info)
                : new Tokenizing(transport, spec, contract, encoder, padId, info);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>Server live and ready, model ready, then its metadata; an unreachable server or unknown model is bad input (exit 3).</summary>
    public static async Task<ModelMetadata> PreflightAsync(IKServeTransport transport, KServeSpec spec, CancellationToken cancellationToken)
    {
        var endpoint = transport.Endpoint;
        var model = spec.Version is null ? $"'{spec.Model}'" : $"'{spec.Model}' version '{spec.Version}'";
        try
        {
            if (!await transport.ServerLiveAsync(cancellationToken)) throw new InputException(endpoint, "the server is not live (health/live)");
            if (!await transport.ServerReadyAsync(cancellationToken)) throw new InputException(endpoint, "the server is not ready (health/ready)");
            if (!await transport.ModelReadyAsync(spec.Model, spec.Version, cancellationToken)) throw new InputException(endpoint, $"model {model} is not ready");
            var metadata = await transport.ModelMetadataAsync(spec.Model, spec.Version, cancellationToken);
            if (metadata.Name.Length > 0 && metadata.Name != spec.Model)
                throw new InputException(endpoint, $"asked for model '{spec.Model}' but the server described '{metadata.Name}'");
            return metadata;
        }
        catch (KServeCallException e) when (e.Failure == KServeFailure.NotFound)
        {
            throw new InputException(endpoint, $"model {model} not found: {e.ServerMessage}");
        }
        catch (KServeCallException e) when (e.Failure == KServeFailure.Unauthorized)
        {
            throw new InputException(endpoint, $"{e.Status}: not authorised ({e.ServerMessage}); pass --header or --api-key-env");
        }
        catch (KServeCallException e)
        {
            throw new InputException(endpoint, $"{e.Status}: {e.ServerMessage}");
        }
        catch (TensorFormatException e)
        {
            throw new InputException(endpoint, $"model {model}: unreadable metadata: {e.Message}");
        }
        catch (Exception e) when (Unreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new InputException(endpoint, $"unreachable: {Reason(e)}");
        }
    }

    private static bool Unreachable(Exception e) => e is HttpRequestException or TaskCanceledException or TimeoutException or SocketException
        || e is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown };

    private static string Reason(Exception e) => e switch
    {
        RpcException rpc => $"gRPC {rpc.StatusCode}: {rpc.Status.Detail}",
        TaskCanceledException or TimeoutException => "no answer within the timeout",
        _ => e.InnerException?.Message ?? e.Message,
    };

    /// <summary>BYTES text: --chat-template when given, else the tokenizer folder's template, else raw (system, turns and response joined by blank lines).</summary>
    private static IChatTemplate TextTemplate(KServeSettings settings)
    {
        if (settings.TokenizerDirectory is { } dir && TextEncoderLoader.Load(dir, settings.TextOptions) is TextEncoder encoder) return encoder.Template;
        return ChatTemplates.Resolve(settings.Text.ChatTemplate ?? "raw", null, null, new TemplateTokens(null, null), "--chat-template");
    }

    private static ModelInfo Identity(KServeSpec spec, KServeSettings settings, ModelMetadata metadata, KServeContract contract,
        ITextEncoder? encoder, IChatTemplate? template, string endpoint, ModelConfig? config)
    {
        var version = spec.Version ?? (metadata.Versions.Count > 0 ? string.Join(",", metadata.Versions) : "");
        var s = new Dictionary<string, string>
        {
            ["endpoints"] = endpoint,
            ["transport"] = spec.IsGrpc ? "grpc" : settings.BinaryTensors ? "rest-binary" : "rest-json",
            ["server_model"] = metadata.Name.Length > 0 ? metadata.Name : spec.Model,
            ["server_version"] = version,
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
        return new ModelInfo
        {
            Id = spec.Model,
            Backend = KServeBackend.BackendName,
            // A server can swap the checkpoint behind a name: without a pinned digest the score cache stays off.
            Digest = settings.PinnedDigest ?? $"unpinned:{spec.Model}@{version}",
            Cacheable = settings.PinnedDigest is not null,
            Settings = s,
        };
    }

    /// <summary>Token inputs: batched and counted by tokens as the onnx backend is (encodings made here are used once by ScoreAsync).</summary>
    private sealed class Tokenizing(IKServeTransport transport, KServeSpec spec, KServeContract contract, ITextEncoder encoder, int padId, ModelInfo info)
        : KServeRewardModel(transport, spec, contract, encoder, null, padId, info), ITokenizingModel
    {
        public TokenMeasure Measure(ScoringRequest request)
        {
            var encoded = _encoded.GetOrAdd(request.Hash, _ => _encoder!.Encode(request));
            return new TokenMeasure(encoded.Ids.Length, encoded.Truncated);
        }

        public int MeasureLength(ScoringRequest request) => Measure(request).Tokens;
    }

    public async Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return [];
        var request = new InferenceRequestMessage(null, BuildInputs(batch), [new RequestedOutput(_contract.Output.Name)]);
        InferenceResponseMessage response;
        try
        {
            response = await _transport.InferAsync(_spec.Model, _spec.Version, request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is KServeCallException { IsTransient: true } || Unreachable(e)))
        {
            // No retry here yet: the run ends partial with what is journaled, and the same command resumes it.
            throw new ModelUnavailableException($"{_transport.Endpoint} is unavailable: {(e is KServeCallException k ? k.Message : Reason(e))}", e);
        }
        return ReadScores(response, batch.Count, _transport.Endpoint);
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
    private List<Tensor> TokenTensors(IReadOnlyList<EncodedRequest> rows)
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

    /// <summary>The score column of the output; a missing output or a wrong element count names the endpoint.</summary>
    public float[] ReadScores(InferenceResponseMessage response, int rows, string endpoint)
    {
        var name = _contract.Output.Name;
        var output = response.Outputs.FirstOrDefault(o => o.Name == name)
            ?? throw new InvalidDataException($"{endpoint}: the response has no output '{name}' (it has {string.Join(", ", response.Outputs.Select(o => o.Name))})");
        if (!TensorDatatype.IsFloat(output.Datatype))
            throw new InvalidDataException($"{endpoint}: output '{name}' came back as {output.Datatype}, not a floating-point score");
        var values = output.ToSingles();
        var columns = _contract.Columns ?? (output.Shape.Length == 2 ? (int)output.Shape[1] : 1);
        if (values.Length != rows * (long)columns || output.Shape.Length > 0 && output.Shape[0] != rows)
            throw new InvalidDataException($"{endpoint}: output '{name}' has shape [{string.Join(",", output.Shape)}] for {rows} requests (expected {rows} x {columns} scores)");
        if (_contract.Label >= columns)
            throw new InvalidDataException($"{endpoint}: output '{name}' has {columns} columns; --label {_contract.Label} is out of range");
        if (columns == 1) return values;
        var scores = new float[rows];
        for (var r = 0; r < rows; r++) scores[r] = values[r * columns + _contract.Label];
        return scores;
    }

    public ValueTask DisposeAsync()
    {
        _transport.Dispose();
        return ValueTask.CompletedTask;
    }
}
