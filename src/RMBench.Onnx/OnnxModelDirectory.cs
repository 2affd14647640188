using RMBench.Core.Errors;
using RMBench.Core.IO;

namespace RMBench.Onnx;

/// <summary>
/// An optimum export folder: model.onnx (with model.onnx_data when the weights are external),
/// config.json and the tokenizer files. Opening it checks the files exist and parses config.json.
/// </summary>
public sealed class OnnxModelDirectory
{
    public const string ModelFile = "model.onnx";
    public const string ConfigFile = "config.json";

    private OnnxModelDirectory(string path, ModelConfig config)
    {
        Path = path;
        Config = config;
    }

    public string Path { get; }
    public string ModelPath => System.IO.Path.Combine(Path, ModelFile);
    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFile);
    public ModelConfig Config { get; }
    public string Name => new DirectoryInfo(Path).Name;

    /// <summary>model.onnx and its external data files (model.onnx_data, model.onnx.data...), in name order.</summary>
    public IReadOnlyList<string> ModelFiles =>
        Directory.EnumerateFiles(Path, ModelFile + "*").Order(StringComparer.Ordinal).ToList();

    public static OnnxModelDirectory Open(string path)
    {
        if (File.Exists(path) && System.IO.Path.GetFileName(path) == ModelFile) path = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(path))
            throw new InputException(path, "folder not found: onnx:PATH expects an optimum export folder (model.onnx, config.json, tokenizer files)");
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(System.IO.Path.Combine(full, ModelFile)))
        {
            var others = Directory.EnumerateFiles(full, "*.onnx").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            throw new InputException(path, $"no {ModelFile} in this folder" +
                (others.Count > 0 ? $" (found {string.Join(", ", others)}; name the model to score {ModelFile})" : "; export with `optimum-cli export onnx --task text-classification`"));
        }
        return new OnnxModelDirectory(full, ModelConfig.Load(System.IO.Path.Combine(full, ConfigFile)));
    }

    /// <summary>sha256 over the model files, config.json and the encoder's tokenizer and template digests.</summary>
    public async Task<string> DigestAsync(string tokenizerDigest, string templateDigest, CancellationToken cancellationToken) =>
        Digest(await HashFilesAsync(cancellationToken), tokenizerDigest, templateDigest);

    /// <summary>One "name=sha256" line per model file and config.json: the slow half of <see cref="DigestAsync"/>, which can run while the tokenizer loads.</summary>
    public async Task<IReadOnlyList<string>> HashFilesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var file in ModelFiles.Append(ConfigPath))
            lines.Add($"{System.IO.Path.GetFileName(file)}={await Sha256.FileHexAsync(file, cancellationToken)}");
        return lines;
    }

    public static string Digest(IReadOnlyList<string> fileHashes, string tokenizerDigest, string templateDigest) =>
        Sha256.Hex(string.Join('\n', fileHashes.Append($"tokenizer={tokenizerDigest}").Append($"template={templateDigest}")));
}
