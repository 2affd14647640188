using System.CommandLine;

namespace RMBench.Cli.Commands;

/// <summary>
/// The options of the `judge:` backend (generative judges). They travel to the backend through
/// ModelOptions.Extra by option name, like --device for onnx; the backend validates them.
/// </summary>
public sealed class JudgeCliOptions
{
    private readonly List<Option> _text = [];
    private readonly Option<bool> _logprobs = new("--judge-logprobs")
    {
        Description = "judge (rating preset): score the expected rating over the rating tokens' log-probs (falls back to the parsed rating, counted).",
    };

    public JudgeCliOptions()
    {
        Text("--judge-preset", "judge: prompt preset, pairwise (default), pairwise-graded, rating, or a preset JSON FILE.");
        Text("--judge-orders", "judge (pairwise presets): both (default: each comparison in both orders) or one (an order picked with the seed).");
        Text("--judge-followups", "judge: follow-up turns asking for a verdict when a reply has none (default 1).");
        Text("--judge-max-tokens", "judge: max_tokens of each reply (default 1024).");
        Text("--judge-seed", "judge: the requests' seed, also the coin of --judge-orders one (default 42; recorded, part of the cache key).");
        Text("--price-per-mtok", "judge: IN,OUT prices per million prompt and completion tokens, for run.json's cost estimate.");
        Text("--max-requests", "judge: stop the run (partial, resumable) before making more than N requests.");
    }

    public IEnumerable<Option> All => [.. _text, _logprobs];

    /// <summary>Adds the given judge options to <paramref name="extra"/> by option name.</summary>
    public void AddTo(ParseResult parse, IDictionary<string, string> extra)
    {
        foreach (var option in _text.OfType<Option<string?>>())
            if (parse.GetValue(option) is { } value) extra[option.Name.TrimStart('-')] = value;
        if (parse.GetValue(_logprobs)) extra["judge-logprobs"] = "true";
    }

    private void Text(string name, string description) => _text.Add(new Option<string?>(name) { Description = description });
}
