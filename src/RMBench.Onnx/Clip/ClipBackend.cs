using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using RMBench.Core.Errors;
using RMBench.Core.IO;
using RMBench.Core.Models;
using RMBench.Onnx.Text;

namespace RMBench.Onnx.Clip;

/// <summary>
/// <c>onnx-clip:DIR</c>: a CLIP-style image reward model directory with model.onnx (see
/// <see cref="ClipRewardModel"/> for the graph contract), the tokenizer files the text encoder loader
/// reads, and optionally preprocessor_config.json and config.json (<see cref="ClipConfig"/>). CPU
/// execution. The digest covers model.onnx, both configs and the tokenizer.
/// </summary>
public sealed class ClipBackend : IModelBackend
{
    public const string ModelFile = "model.onnx";

    public string Name => "onnx-clip";
    public string Description => "CLIP-style image reward model (PickScore/HPS style): DIR with model.onnx (pixel_values, input_ids, attention_mask -> logits_per_image)";
    public string Usage => "onnx-clip:DIR";
    public bool RequiresArgument => true;

    public async Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(argument)) throw new InputException("--model", "onnx-clip needs a model directory: onnx-clip:DIR");
        var directory = Path.GetFullPath(Path.Combine(options.BaseDirectory, argument));
        if (!Directory.Exists(directory)) throw new InputException(argument, "model directory not found");
        var modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(modelPath)) throw new InputException(modelPath, $"not found: an onnx-clip directory needs {ModelFile}");

        // Files and graph are checked before the tokenizer is loaded, so a wrong directory fails fast and clearly.
        var config = ClipConfig.Load(directory);
        var session = OpenSession(modelPath);
        try
        {
            ClipRewardModel.CheckSignature(session, modelPath, config.Image);
            var text = TextEncoderLoader.Load(directory, new TextOptions(ChatTemplate: "raw", MaxLength: options.MaxLength ?? config.MaxTextLength, Truncation: TruncationSide.Right));
            var digest = await DigestAsync(directory, modelPath, text, cancellationToken);
            return new ClipRewardModel(session, text, new ClipImagePreprocessor(config.Image), config.PadTokenId, Describe(directory, digest, config, text));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession OpenSession(string modelPath)
    {
        try { return new InferenceSession(modelPath); }
        catch (OnnxRuntimeException e) { throw new InputException(modelPath, $"ONNX Runtime cannot load the model: {e.Message}"); }
    }

    private static async Task<string> DigestAsync(string directory, string modelPath, ITextEncoder text, CancellationToken cancellationToken)
    {
        var parts = new List<string> { "model.onnx=" + await Sha256.FileHexAsync(modelPath, cancellationToken) };
        foreach (var file in new[] { ClipConfig.PreprocessorFile, ClipConfig.ModelConfigFile })
        {
            var path = Path.Combine(directory, file);
            if (File.Exists(path)) parts.Add($"{file}=" + await Sha256.FileHexAsync(path, cancellationToken));
        }
        parts.Add("tokenizer=" + text.TokenizerDigest);
        return Sha256.Hex(string.Join("\n", parts));
    }

    /// <summary>Identity and settings recorded in the run (and keying the score cache).</summary>
    public static ModelInfo Describe(string directory, string digest, ClipConfig config, ITextEncoder text)
    {
        var image = config.Image;
        string Floats(IReadOnlyList<float> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return new ModelInfo
        {
            Id = Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)),
            Backend = "onnx-clip",
            Digest = digest,
            Capabilities = ModelCapabilities.Images,
            Settings = new Dictionary<string, string>
            {
                ["resize"] = image.ResizeTo is { } exact ? $"{exact.Height}x{exact.Width}" : $"short side {image.ShortSide}",
                ["crop"] = $"{image.CropHeight}x{image.CropWidth}",
                ["resampling"] = "bicubic catmull-rom (skia)",
                ["mean"] = Floats(image.Mean),
                ["std"] = Floats(image.Std),
                ["max_length"] = text.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "none",
                ["pad_token_id"] = config.PadTokenId.ToString(CultureInfo.InvariantCulture),
                ["template"] = $"{text.TemplateName} {text.TemplateDigest}",
                ["execution_provider"] = "cpu",
            },
        };
    }
}
