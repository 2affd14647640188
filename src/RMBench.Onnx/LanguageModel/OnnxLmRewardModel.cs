using System.Collections.Concurrent;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Core.IO;

namespace RMBench.Onnx.LanguageModel;

/// <summary>
/// A causal LM as a reward model: each request's reward is read off the log-probabilities of a token span
/// (<see cref="LmTextEncoder"/>) computed by <see cref="LmSession"/> (never [batch, seq, vocab] logits).
/// logprob = sum over the response's tokens, logprob-mean = their mean, dpo = beta * (sum under the policy -
/// sum under the reference, same tokens), followup = sum over the follow-up user turn's tokens. Requests whose
/// context tokens are not a prefix of the whole sequence's are counted (run.json model_counters).
/// </summary>
public sealed class OnnxLmRewardModel : IRewardModel, ITokenizingModel, IModelCounters
{
    public const string PrefixMismatchCounter = "prompt_prefix_mismatches";

    private readonly LmPart _policy;
    private readonly LmPart? _reference;
    private readonly LmSettings _settings;
    private readonly ConcurrentDictionary<string, LmEncoded> _encoded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _mismatched = new(StringComparer.Ordinal);
    private readonly Lock _scoring = new();

    /// <summary>One opened model: its session, encoder and folder.</summary>
    private sealed record LmPart(OnnxModelDirectory Directory, LmSession Session, LmTextEncoder Encoder, string Digest) : IDisposable
    {
        public void Dispose() => Session.Dispose();
    }

    private OnnxLmRewardModel(LmPart policy, LmPart? reference, LmSettings settings, ModelInfo info)
    {
        _policy = policy;
        _reference = reference;
        _settings = settings;
        Info = info;
    }

    public ModelInfo Info { get; }

    public IReadOnlyDictionary<string, long> Counters => new Dictionary<string, long> { [PrefixMismatchCounter] = _mismatched.Count };

    public static async Task<OnnxLmRewardModel> OpenAsync(string path, string? referencePath, LmSettings settings, OnnxSettings onnx,
        CancellationToken cancellationToken)
    {
        var policy = await OpenPartAsync(path, onnx, cancellationToken);
        LmPart? reference = null;
        try
        {
            if (referencePath is not null)
            {
                reference = await OpenPartAsync(referencePath, onnx, cancellationToken);
                CheckSameVocabulary(policy, reference, referencePath);
            }
            return new OnnxLmRewardModel(policy, reference, settings, Describe(policy, reference, settings, onnx));
        }
        catch
        {
            policy.Dispose();
            reference?.Dispose();
            throw;
        }
    }

    private static async Task<LmPart> OpenPartAsync(string path, OnnxSettings onnx, CancellationToken cancellationToken)
    {
        var directory = OnnxModelDirectory.Open(path);
        var session = LmSession.Open(directory, directory.Config.PadTokenId, onnx);
        try
        {
            var encoder = LmTextEncoder.Load(directory.Path, onnx.TextOptions);
            var digest = await directory.DigestAsync(encoder.TokenizerDigest, encoder.TemplateDigest, cancellationToken);
            return new LmPart(directory, session, encoder, digest);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>DPO compares the two models on the same token ids: same vocabulary size and the same tokenizer files.</summary>
    private static void CheckSameVocabulary(LmPart policy, LmPart reference, string referencePath)
    {
        var problems = new List<InputProblem>();
        if (policy.Session.VocabSize != reference.Session.VocabSize)
            problems.Add(new InputProblem("--reference", $"'{referencePath}' has a vocabulary of {reference.Session.VocabSize} tokens but the policy has {policy.Session.VocabSize}; DPO compares log-probabilities of the same tokens"));
        else if (policy.Encoder.TokenizerDigest != reference.Encoder.TokenizerDigest)
            problems.Add(new InputProblem("--reference", $"'{referencePath}' has other tokenizer files than the policy (tokenizer digests differ); DPO compares log-probabilities of the same tokens"));
        if (problems.Count > 0) throw new InputException(problems);
    }

    private static ModelInfo Describe(LmPart policy, LmPart? reference, LmSettings settings, OnnxSettings onnx)
    {
        var mode = LmSettings.Name(settings.Reward);
        var values = new Dictionary<string, string>
        {
            ["lm_reward"] = mode,
            ["device"] = onnx.Device.ToString(),
            ["max_length"] = policy.Encoder.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ["template"] = policy.Encoder.TemplateName,
            ["template_digest"] = policy.Encoder.TemplateDigest,
            ["tokenizer_digest"] = policy.Encoder.TokenizerDigest,
            ["pad_token_id"] = policy.Directory.Config.PadTokenId.ToString(CultureInfo.InvariantCulture),
            ["vocab_size"] = policy.Session.VocabSize.ToString(CultureInfo.InvariantCulture),
            ["head_chunk_rows"] = policy.Session.ChunkRows.ToString(CultureInfo.InvariantCulture),
            ["threads"] = onnx.Threads == 0 ? "default" : onnx.Threads.ToString(CultureInfo.InvariantCulture),
        };
        if (reference is not null)
        {
            values["beta"] = settings.Beta.ToString("R", CultureInfo.InvariantCulture);
            values["reference"] = reference.Directory.Name;
            values["reference_digest"] = reference.Digest;
        }
        if (settings.FollowupText is { } followup) values["followup_text"] = followup;
        return new ModelInfo
        {
            Id = $"{policy.Directory.Name}-{mode}",
            Backend = OnnxLmBackend.BackendName,
            Digest = reference is null ? policy.Digest : Sha256.Hex($"{policy.Digest}\n{reference.Digest}"),
            Deterministic = onnx.Device.IsCpu,
            Settings = values,
        };
    }

    public TokenMeasure Measure(ScoringRequest request)
    {
        var encoded = _encoded.GetOrAdd(request.Hash, _ => Encode(request));
        return new TokenMeasure(encoded.Ids.Length, encoded.Truncated);
    }

    public int MeasureLength(ScoringRequest request) => Measure(request).Tokens;

    private LmEncoded Encode(ScoringRequest request)
    {
        var encoded = _settings.Reward == LmReward.Followup
            ? _policy.Encoder.EncodeFollowup(request, _settings.FollowupText!)
            : _policy.Encoder.EncodeResponse(request);
        if (encoded.PrefixMismatch) _mismatched.TryAdd(request.Hash, true);
        return encoded;
    }

    public Task<float[]> ScoreAsync(IReadOnlyList<ScoringBatchEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return Task.FromResult(Array.Empty<float>());
        var rows = batch.Select(e => _encoded.TryRemove(e.Request.Hash, out var encoded) ? encoded : Encode(e.Request))
            .Select(e => new LmRow(e.Ids, e.From)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_scoring)
        {
            var policy = _policy.Session.LogProbs(rows);
            var reference = _reference?.Session.LogProbs(rows);
            var scores = new float[rows.Count];
            for (var i = 0; i < rows.Count; i++) scores[i] = (float)Reward(policy[i], reference?[i]);
            return Task.FromResult(scores);
        }
    }

    private double Reward(double[] policy, double[]? reference) => _settings.Reward switch
    {
        LmReward.LogProbMean => policy.Length == 0 ? double.NaN : policy.Sum() / policy.Length,
        LmReward.Dpo => _settings.Beta * (policy.Sum() - reference!.Sum()),
        _ => policy.Sum(),
    };

    public ValueTask DisposeAsync()
    {
        _policy.Dispose();
        _reference?.Dispose();
        return ValueTask.CompletedTask;
    }
}
