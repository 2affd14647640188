using RMBench.Core.Errors;
using RMBench.Core.Plugins;

namespace RMBench.Core.Models;

/// <summary>
/// Turns a model SPEC into a model. A SPEC is "backend:argument" (onnx:DIR, replay:FILE) or a bare
/// backend name (random, length). Backends are discovered (see <see cref="Registry{T}"/>).
/// </summary>
public sealed class ModelRegistry(Registry<IModelBackend> backends)
{
    public static ModelRegistry Default { get; } = new(Registry<IModelBackend>.Discover(b => b.Name, "model backend"));

    public Registry<IModelBackend> Backends { get; } = backends;

    public static (string Backend, string? Argument) ParseSpec(string spec)
    {
        var colon = spec.IndexOf(':');
        return colon < 0 ? (spec, null) : (spec[..colon], spec[(colon + 1)..]);
    }

    /// <summary>Cheap checks of a SPEC (known backend, argument present) to run before any expensive work.</summary>
    public (IModelBackend Backend, string? Argument) Resolve(string spec)
    {
        var (name, argument) = ParseSpec(spec.Trim());
        var backend = Backends.Get(name, "--model");
        if (backend.RequiresArgument && string.IsNullOrEmpty(argument))
            throw new InputException("--model", $"model '{name}' needs an argument: {backend.Usage}");
        return (backend, string.IsNullOrEmpty(argument) ? null : argument);
    }

    public Task<IRewardModel> CreateAsync(string spec, ModelOptions options, CancellationToken cancellationToken)
    {
        var (backend, argument) = Resolve(spec);
        return backend.CreateAsync(argument, options, cancellationToken);
    }
}
