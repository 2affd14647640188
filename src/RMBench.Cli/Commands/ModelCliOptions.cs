using System.CommandLine;
using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Cli.Commands;

/// <summary>
/// The model options of `rmbench run`, defined once and added to every command that creates a model from a
/// SPEC (`run`, `bench`, `gate --model`): --max-length, the onnx options, and the onnx-lm, ensemble, remote
/// and judge options. All but --max-length reach the backends through <see cref="ModelOptions.Extra"/> under
/// their names without dashes; <see cref="ModelOptionUse"/> refuses one that no model of the command reads.
/// </summary>
public sealed class ModelCliOptions
{
    private readonly Option<int?> _maxLength = new("--max-length") { Description = "Token limit for tokenizing backends (truncation is counted and reported)." };
    private readonly Option<string?> _device = new("--device") { Description = "onnx: execution provider cpu (default), cuda[:N] or tensorrt[:N] (needs the GPU ONNX Runtime build)." };
    private readonly Option<string?> _label = new("--label") { Description = "onnx: logits column to score, by id2label name or index (required for multi-label heads)." };
    private readonly Option<string?> _chatTemplate = new("--chat-template") { Description = "onnx: chat template, a built-in NAME or a Scriban FILE (default: recognised from tokenizer_config.json)." };
    private readonly Option<string?> _truncation = new("--truncation") { Description = "onnx: which end of a too-long request is cut: left (default: keeps the response) or right." };
    private readonly Option<int?> _threads = new("--threads") { Description = "onnx: one batch at a time on this many ONNX Runtime intra-op threads (default on the CPU: one batch per physical core at once, each on one thread)." };
    private readonly LanguageModelCliOptions _languageModel = new();
    private readonly RemoteCliOptions _remote = new();
    private readonly JudgeCliOptions _judge = new();

    public ModelCliOptions()
    {
        _truncation.AcceptOnlyFromAmong("left", "right");
    }

    public IEnumerable<Option> All => [_maxLength, _device, _label, _chatTemplate, _truncation, _threads, .. _languageModel.All, .. _remote.All, .. _judge.All];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Add(option);
    }

    /// <summary>The options given on the command line (not defaults), by name.</summary>
    public IReadOnlyList<string> Given(ParseResult parse) => GivenOf(All, parse);

    internal static IReadOnlyList<string> GivenOf(IEnumerable<Option> options, ParseResult parse) =>
        options.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();

    /// <summary>The given options as <see cref="ModelOptions"/>; values are checked here where the CLI can (exit 3 before suites load).</summary>
    public ModelOptions Read(ParseResult parse)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in new[] { _device, _label, _chatTemplate, _truncation })
            if (parse.GetValue(option) is { } value) extra[option.Name.TrimStart('-')] = value;
        if (parse.GetValue(_threads) is { } t) extra["threads"] = Positive(t, "--threads").ToString(CultureInfo.InvariantCulture);
        _judge.AddTo(parse, extra);
        _languageModel.AddExtras(parse, extra);
        _remote.Collect(parse, extra, Directory.GetCurrentDirectory());
        return new ModelOptions
        {
            MaxLength = parse.GetValue(_maxLength) is { } m ? Positive(m, "--max-length") : null,
            Extra = extra,
        };
    }

    public static int Positive(int value, string option) =>
        value >= 1 ? value : throw new InputException(option, $"must be a positive integer (got {value.ToString(CultureInfo.InvariantCulture)})");
}

/// <summary>The batching options of `rmbench run`, shared (one definition) with `bench` and `gate --model`.</summary>
public sealed class BatchingCliOptions
{
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Most requests per model call.", DefaultValueFactory = _ => 32 };
    public Option<int> BatchTokens { get; } = new("--batch-tokens")
    {
        Description = "Token budget per batch for tokenizing backends: rows x longest row stays within it (a longer single row is scored alone).",
        DefaultValueFactory = _ => RunCommand.DefaultBatchTokens,
    };
    public Option<double> MaxPadding { get; } = new("--max-padding")
    {
        Description = "Tokenizing backends: largest fraction of a batch's padded tokens that may be padding; a batch ends early rather than pad more (0 = only equal lengths batch together).",
        DefaultValueFactory = _ => RunCommand.DefaultMaxPadding,
    };
    public Option<int?> Concurrency { get; } = new("--concurrency")
    {
        Description = "Batches in flight at once, in total over all endpoints (default: 4 per endpoint for remote backends, one per physical core for onnx on the CPU, 1 for other in-process models). Results do not depend on it.",
    };

    /// <param name="maxPadding">Whether the command takes --max-padding (bench batches by size and tokens only).</param>
    public void AddTo(Command command, bool maxPadding = true)
    {
        command.Add(BatchSize);
        command.Add(BatchTokens);
        if (maxPadding) command.Add(MaxPadding);
        command.Add(Concurrency);
    }

    public IReadOnlyList<string> Given(ParseResult parse) => ModelCliOptions.GivenOf([BatchSize, BatchTokens, MaxPadding, Concurrency], parse);

    public int ReadBatchSize(ParseResult parse) => ModelCliOptions.Positive(parse.GetValue(BatchSize), "--batch-size");
    public int ReadBatchTokens(ParseResult parse) => ModelCliOptions.Positive(parse.GetValue(BatchTokens), "--batch-tokens");
    public int? ReadConcurrency(ParseResult parse) => parse.GetValue(Concurrency) is { } c ? ModelCliOptions.Positive(c, "--concurrency") : null;

    public double ReadMaxPadding(ParseResult parse) => parse.GetValue(MaxPadding) is var value and >= 0 and < 1
        ? value
        : throw new InputException("--max-padding", $"must be a fraction in [0, 1) (got {parse.GetValue(MaxPadding).ToString(CultureInfo.InvariantCulture)})");
}
