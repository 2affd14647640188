using System.Globalization;

namespace RMBench.DataGen.Large;

/// <summary>
/// The `--name value` arguments of the measurement generators (decoder, causal-lm): every argument is a known name
/// followed by its value; a bad one is an <see cref="ArgumentException"/> whose message the command prints with its usage.
/// </summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, string> _values;

    private ToolArguments(Dictionary<string, string> values) => _values = values;

    public static ToolArguments Parse(string[] args, params string[] names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!names.Contains(args[i]) || i + 1 >= args.Length) throw new ArgumentException($"unexpected argument '{args[i]}'");
            values[args[i]] = args[++i];
        }
        return new ToolArguments(values);
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int Positive(string name, int fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new ArgumentException($"{name} needs a positive integer");
}
