using System.Reflection;
using RMBench.Core.Errors;
using RMBench.Core.IO;
using RMBench.Core.Models;

namespace RMBench.Onnx.Baseline;

/// <summary>
/// `baseline`: the built-in reward model that `rmbench run` uses when no model is given. A hashed n-gram
/// Bradley-Terry model trained on the bundled training split (<see cref="BaselineRecipe"/>), embedded in
/// this assembly as an optimum-style export directory and scored through the same `onnx` backend and
/// ONNX Runtime path as user models.
/// </summary>
public sealed class BaselineBackend : IModelBackend
{
    public const string ModelName = "baseline";
    private const string ResourcePrefix = "RMBench.Onnx.Baseline.Model.";
    private static readonly string[] Files = ["model.onnx", "config.json", "tokenizer_config.json"];

    public string Name => ModelName;
    public string Description => "built-in ONNX reward model: hashed n-gram Bradley-Terry over cl100k tokens, trained on the bundled training split";
    public string Usage => ModelName;
    public bool RequiresArgument => false;

    public Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken)
    {
        if (argument is not null) throw new InputException("--model", $"model '{ModelName}' takes no argument (got '{argument}')");
        var directory = Materialize();
        // The baseline's template and label are part of the model: it does not take --chat-template or --label
        // (left unread, so the CLI refuses them when no other model of the command reads them).
        var extra = options.Extra.Without(OnnxSettings.Keys.ChatTemplate, OnnxSettings.Keys.Label);
        return new OnnxBackend().CreateAsync(directory, options with { Extra = extra }, cancellationToken);
    }

    /// <summary>
    /// Writes the embedded export directory once per content version to the temp folder (ONNX Runtime and
    /// the tokenizer loader read files) and returns it; its folder name is the model id.
    /// </summary>
    public static string Materialize()
    {
        var contents = Files.ToDictionary(f => f, Read, StringComparer.Ordinal);
        var digests = Files.ToDictionary(f => f, f => Sha256.Hex(contents[f]), StringComparer.Ordinal);
        var version = Sha256.Hex(string.Concat(Files.Select(f => f + ":" + digests[f] + "\n")))[..16];
        var root = Path.Combine(Path.GetTempPath(), "rmbench", $"baseline-{version}");
        var directory = Path.Combine(root, ModelName);
        if (Files.All(f => File.Exists(Path.Combine(directory, f)) && Sha256.Hex(File.ReadAllBytes(Path.Combine(directory, f))) == digests[f]))
            return directory;
        // Build beside, then move into place, so a concurrent or interrupted start never sees half a model.
        var staging = Path.Combine(root, $".staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        foreach (var (name, bytes) in contents) File.WriteAllBytes(Path.Combine(staging, name), bytes);
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.Move(staging, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            Directory.Delete(staging, recursive: true); // another process won the race with the same bytes
        }
        return directory;
    }

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
                           ?? throw new InvalidOperationException($"embedded baseline file '{file}' is missing from RMBench.Onnx");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
