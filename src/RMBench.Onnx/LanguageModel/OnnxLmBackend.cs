using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Onnx.LanguageModel;

/// <summary>
/// `onnx-lm:DIR`: a causal LM exported by optimum for text-generation without past key values, scored by
/// the log-probabilities of the response (--lm-reward logprob, logprob-mean, dpo with --reference, followup).
/// </summary>
public sealed class OnnxLmBackend : IModelBackend
{
    public const string BackendName = "onnx-lm";

    public string Name => BackendName;
    public string Description => "causal LM exported by HF optimum (text-generation, no past): reward from log-probabilities (--lm-reward logprob|logprob-mean|dpo|followup)";
    public string Usage => "onnx-lm:DIR";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(argument)) throw new InputException("--model", $"model '{BackendName}' needs an argument: {Usage}");
        var lm = LmSettings.From(options);
        var onnx = OnnxSettings.From(options);
        string? referencePath = null;
        if (lm.Reference is { } reference)
        {
            var (backend, referenceArgument) = ModelRegistry.ParseSpec(reference);
            if (backend != BackendName || string.IsNullOrEmpty(referenceArgument))
                throw new InputException("--reference", $"must be onnx-lm:DIR (got '{reference}')");
            referencePath = Path.GetFullPath(referenceArgument, options.BaseDirectory);
        }
        return await OnnxLmRewardModel.OpenAsync(Path.GetFullPath(argument, options.BaseDirectory), referencePath, lm, onnx, cancellationToken);
    }
}
