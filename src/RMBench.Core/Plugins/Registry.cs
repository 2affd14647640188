using System.Reflection;
using RMBench.Core.Errors;
using RMBench.Core.Text;

namespace RMBench.Core.Plugins;

/// <summary>
/// Plugins of one kind (suite kinds, metrics, backends, importers), registered by name in one place:
/// every public concrete class implementing <typeparamref name="T"/> with a parameterless constructor
/// in an RMBench assembly. Adding a plugin is adding a class; there is no central switch to edit.
/// A duplicate name fails at start-up; an unknown name gets a "did you mean".
/// </summary>
public sealed class Registry<T> where T : class
{
    private readonly Dictionary<string, T> _byName;
    private readonly string _what;

    public Registry(IEnumerable<T> plugins, Func<T, string> nameOf, string what)
    {
        _what = what;
        _byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            var name = nameOf(plugin);
            if (!_byName.TryAdd(name, plugin))
                throw new InvalidOperationException(
                    $"Two {what}s are registered as '{name}': {_byName[name].GetType().FullName} and {plugin.GetType().FullName}.");
        }
    }

    /// <summary>Discovers every implementation in the RMBench assemblies beside the application.</summary>
    public static Registry<T> Discover(Func<T, string> nameOf, string what) =>
        new(PluginAssemblies.Types<T>().Select(t => (T)Activator.CreateInstance(t)!), nameOf, what);

    public IReadOnlyCollection<string> Names => _byName.Keys;
    public IEnumerable<T> All => _byName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);

    public bool TryGet(string name, out T plugin) => _byName.TryGetValue(name, out plugin!);

    /// <summary>The plugin, or invalid input naming the source of the name and the closest known one.</summary>
    public T Get(string name, string source) =>
        _byName.TryGetValue(name, out var plugin)
            ? plugin
            : throw new InputException(source, $"unknown {_what} '{name}'.{Suggest.DidYouMean(name, _byName.Keys)}");
}

/// <summary>Finds the RMBench assemblies (the application's own and those beside it) to scan for plugins.</summary>
public static class PluginAssemblies
{
    private static readonly Lazy<IReadOnlyList<Assembly>> Loaded = new(LoadAll);

    public static IEnumerable<Type> Types<T>() =>
        Loaded.Value
            .SelectMany(SafeTypes)
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false, IsPublic: true }
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IReadOnlyList<Assembly> LoadAll()
    {
        var byName = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => IsOurs(a.GetName().Name))
            .ToDictionary(a => a.GetName().Name!, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "RMBench.*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (byName.ContainsKey(name)) continue;
            // Assemblies listed in the app's deps.json load by name; a plugin dropped beside the CLI loads by path.
            try { byName[name] = Assembly.Load(new AssemblyName(name)); }
            catch (FileNotFoundException)
            {
                try { byName[name] = Assembly.LoadFrom(file); }
                catch (Exception e) when (e is BadImageFormatException or FileLoadException) { }
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException) { }
        }
        return byName.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ToList();
    }

    private static bool IsOurs(string? name) => name is not null && (name.StartsWith("RMBench.", StringComparison.Ordinal) || name == "rmbench");

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; }
    }
}
