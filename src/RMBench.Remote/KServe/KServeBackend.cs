using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Remote.KServe;

/// <summary>`kserve:URL#MODEL[@VERSION]`: a model on a KServe v2 / Open Inference Protocol server (Triton, KServe, `rmbench serve`).</summary>
public sealed class KServeBackend : IModelBackend
{
    public const string BackendName = "kserve";

    public string Name => BackendName;
    public string Description => "remote model on a KServe v2 / Triton server: http(s):// REST (binary tensors) or grpc:// (ModelInfer); INT64 tokens from --tokenizer DIR or a BYTES text input; replicas via --endpoint";
    public string Usage => KServeSpec.Usage;
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(argument)) throw new InputException("--model", $"model 'kserve' needs an argument: {Usage}");
        var spec = KServeSpec.Parse(argument);
        var settings = KServeSettings.From(options, spec);
        return await KServeRewardModel.OpenAsync(spec, settings, cancellationToken);
    }
}
