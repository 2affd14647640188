namespace RMBench.Core.Models;

/// <summary>
/// Creates models for one backend name. A model SPEC is "backend:argument" or a bare built-in name;
/// backends register by being a public class implementing this interface (see <see cref="ModelRegistry"/>).
/// </summary>
public interface IModelBackend
{
    /// <summary>Backend name used in SPECs ("onnx", "replay", "length").</summary>
    string Name { get; }
    /// <summary>One-line description for `rmbench models`.</summary>
    string Description { get; }
    /// <summary>Usage example for help text, e.g. "replay:FILE".</summary>
    string Usage { get; }
    /// <summary>Whether the SPEC needs an argument after the colon.</summary>
    bool RequiresArgument { get; }

    /// <summary>Validates the argument and creates the model; bad input throws <see cref="Errors.InputException"/>.</summary>
    Task<IRewardModel> CreateAsync(string? argument, ModelOptions options, CancellationToken cancellationToken);
}

/// <summary>Run-wide settings a backend may use.</summary>
public sealed record ModelOptions
{
    public int Seed { get; init; } = 42;
    public int? MaxLength { get; init; }
    /// <summary>Working directory for resolving relative paths.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
