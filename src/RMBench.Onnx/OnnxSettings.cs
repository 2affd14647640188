using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Onnx.Text;

namespace RMBench.Onnx;

/// <summary>
/// The `onnx` backend's options, read from <see cref="ModelOptions"/>: `--max-length` directly, the rest
/// from <see cref="ModelOptions.Extra"/> under the CLI option names without dashes (see <see cref="Keys"/>).
/// </summary>
public sealed record OnnxSettings
{
    /// <summary>Keys of <see cref="ModelOptions.Extra"/> this backend reads.</summary>
    public static class Keys
    {
        public const string Device = "device";
        public const string Label = "label";
        public const string ChatTemplate = "chat-template";
        public const string Truncation = "truncation";
        public const string Threads = "threads";
    }

    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;
    /// <summary>Label name or index for multi-label heads; null = the only label (or an obvious reward label).</summary>
    public string? Label { get; init; }
    public string? ChatTemplate { get; init; }
    public int? MaxLength { get; init; }
    public TruncationSide Truncation { get; init; } = TruncationSide.Left;
    /// <summary>Intra-op threads; 0 = ONNX Runtime's default (one per physical core).</summary>
    public int Threads { get; init; }

    public TextOptions TextOptions => new(ChatTemplate, MaxLength, Truncation);

    public static OnnxSettings From(ModelOptions options)
    {
        var extra = options.Extra;
        var settings = new OnnxSettings { MaxLength = options.MaxLength };
        if (extra.TryGetValue(Keys.Device, out var device)) settings = settings with { Device = ExecutionDevice.Parse(device) };
        if (extra.TryGetValue(Keys.Label, out var label)) settings = settings with { Label = label };
        if (extra.TryGetValue(Keys.ChatTemplate, out var template)) settings = settings with { ChatTemplate = ResolveTemplate(template, options.BaseDirectory) };
        if (extra.TryGetValue(Keys.Truncation, out var side)) settings = settings with { Truncation = ParseSide(side) };
        if (extra.TryGetValue(Keys.Threads, out var threads)) settings = settings with { Threads = ParseThreads(threads) };
        return settings;
    }

    /// <summary>A template that names an existing file is made absolute; anything else is a built-in name for the encoder.</summary>
    private static string ResolveTemplate(string template, string baseDirectory)
    {
        var path = Path.GetFullPath(template, baseDirectory);
        return File.Exists(path) ? path : template;
    }

    private static TruncationSide ParseSide(string side) => side.ToLowerInvariant() switch
    {
        "left" => TruncationSide.Left,
        "right" => TruncationSide.Right,
        _ => throw new InputException("--truncation", $"must be left or right (got '{side}')"),
    };

    private static int ParseThreads(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InputException("--threads", $"must be a positive integer (got '{text}')");
}
