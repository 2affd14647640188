using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx.Text;

namespace RMBench.Onnx;

/// <summary>`onnx:DIR`: a reward model exported by Hugging Face optimum (--task text-classification).</summary>
public sealed class OnnxBackend : IModelBackend
{
    public const string BackendName = "onnx";

    public string Name => BackendName;
    public string Description => "ONNX reward model exported by HF optimum (model.onnx + config.json + tokenizer files), run with ONNX Runtime";
    public string Usage => "onnx:DIR";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(argument)) throw new InputException("--model", $"model 'onnx' needs an argument: {Usage}");
        var settings = OnnxSettings.From(options);
        var path = Path.GetFullPath(argument, options.BaseDirectory);
        return await OnnxRewardModel.OpenAsync(path, settings, directory => TextEncoderLoader.Load(directory.Path, settings.TextOptions), cancellationToken);
    }
}
