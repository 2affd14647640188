using System.Collections;
using System.Diagnostics.CodeAnalysis;
using RMBench.Core.Errors;

namespace RMBench.Core.Models;

/// <summary>
/// <see cref="ModelOptions.Extra"/> that records which keys a backend looks up while it creates a model, so
/// that the CLI can refuse an option no model of the command reads (`--device` given to `length` was once
/// silently ignored). Enumerating counts every key as read (a backend that passes all options on, unseen);
/// <see cref="ModelOptionUse.Without"/> hands on all but some keys without reading them.
/// </summary>
public sealed class TrackedOptions : IReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read;

    public TrackedOptions(IReadOnlyDictionary<string, string> values) : this(values, new HashSet<string>(StringComparer.Ordinal)) { }

    private TrackedOptions(IReadOnlyDictionary<string, string> values, HashSet<string> read) => (_values, _read) = (values, read);

    /// <summary>Given keys no lookup asked for, in key order.</summary>
    public IReadOnlyList<string> Unread => _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The same options less <paramref name="keys"/>, sharing this record of reads.</summary>
    public TrackedOptions Without(IEnumerable<string> keys)
    {
        var left = keys.ToHashSet(StringComparer.Ordinal);
        return new TrackedOptions(_values.Where(kv => !left.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), _read);
    }

    public string this[string key]
    {
        get
        {
            Read(key);
            return _values[key];
        }
    }
    public IEnumerable<string> Keys => All().Select(kv => kv.Key);
    public IEnumerable<string> Values => All().Select(kv => kv.Value);
    public int Count => _values.Count;
    public bool ContainsKey(string key)
    {
        Read(key);
        return _values.ContainsKey(key);
    }
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        Read(key);
        return _values.TryGetValue(key, out value);
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => All().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Only keys this view holds count (a view without a key must not mark the original's as read).</summary>
    private void Read(string key)
    {
        if (_values.ContainsKey(key)) _read.Add(key);
    }

    private IEnumerable<KeyValuePair<string, string>> All()
    {
        _read.UnionWith(_values.Keys);
        return _values;
    }
}

/// <summary>Creating models with the check that every given option is read by one of them.</summary>
public static class ModelOptionUse
{
    /// <summary>The options less <paramref name="keys"/>, unread (for a backend that does not take them and passes the rest on).</summary>
    public static IReadOnlyDictionary<string, string> Without(this IReadOnlyDictionary<string, string> extra, params string[] keys) =>
        extra is TrackedOptions tracked
            ? tracked.Without(keys)
            : extra.Where(kv => !keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>
    /// Creates a model per SPEC; refuses (exit 3, the models disposed) an option of <see cref="ModelOptions.Extra"/>
    /// that none of them read: "model 'length' does not take --device". An option some models read and others
    /// do not is fine (`run -m onnx:DIR -m length --device cuda`).
    /// </summary>
    public static async Task<IReadOnlyList<IRewardModel>> CreateAllAsync(ModelRegistry registry, IReadOnlyList<string> specs, ModelOptions options,
        CancellationToken cancellationToken)
    {
        var created = new List<(IRewardModel Model, TrackedOptions Options)>();
        try
        {
            foreach (var spec in specs)
            {
                var tracked = new TrackedOptions(options.Extra);
                created.Add((await registry.CreateAsync(spec, options with { Extra = tracked }, cancellationToken), tracked));
            }
            if (created.Count == 0) return [];
            var unreadByAll = created.Select(c => c.Options.Unread).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal).ToList());
            if (unreadByAll.Count > 0)
                throw new InputException(unreadByAll.Select(key => new InputProblem("--" + key, NotTaken(created.Select(c => c.Model.Info).ToList(), key))).ToList());
            return created.Select(c => c.Model).ToList();
        }
        catch
        {
            foreach (var (model, _) in created) await model.DisposeAsync();
            throw;
        }
    }

    private static string NotTaken(IReadOnlyList<ModelInfo> models, string key)
    {
        var names = string.Join(", ", models.Select(m => $"'{m.Id}' ({m.Backend})"));
        return models.Count == 1
            ? $"model {names} does not take --{key}; leave it out"
            : $"none of the models {names} takes --{key}; leave it out";
    }
}
