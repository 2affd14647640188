using System.CommandLine;

namespace RMBench.Cli.Commands;

/// <summary>
/// The onnx-lm and ensemble options of `rmbench run` (and `bench`): they travel to the backends through
/// ModelOptions.Extra under their names without dashes (onnx-lm: lm-reward, reference, beta, followup-text;
/// ensemble: ensemble, ensemble-raw), and each backend reads and checks the ones it knows.
/// </summary>
public sealed class LanguageModelCliOptions
{
    private readonly Option<string?> _lmReward = new("--lm-reward") { Description = "onnx-lm: reward from log-probabilities: logprob (default, sum over the response), logprob-mean (per token), dpo (needs --reference), followup (needs --followup-text)." };
    private readonly Option<string?> _reference = new("--reference") { Description = "onnx-lm dpo: the reference model, onnx-lm:DIR (same tokenizer and vocabulary)." };
    private readonly Option<string?> _beta = new("--beta") { Description = "onnx-lm dpo: beta of the implicit reward beta * (log pi - log pi_ref) (default 0.1)." };
    private readonly Option<string?> _followupText = new("--followup-text") { Description = "onnx-lm followup: the user turn after the response whose log-probability is the reward." };
    private readonly Option<string?> _ensemble = new("--ensemble") { Description = "ensemble: how member scores combine: mean (default), min, or uwo[:LAMBDA] (mean - LAMBDA x variance, default 1)." };
    private readonly Option<bool> _ensembleRaw = new("--ensemble-raw") { Description = "ensemble: combine raw member scores instead of z-scores over the run's requests." };

    public IEnumerable<Option> All => [_lmReward, _reference, _beta, _followupText, _ensemble, _ensembleRaw];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    public void AddExtras(ParseResult parse, IDictionary<string, string> extra)
    {
        foreach (var option in new[] { _lmReward, _reference, _beta, _followupText, _ensemble })
            if (parse.GetValue(option) is { } value) extra[option.Name.TrimStart('-')] = value;
        if (parse.GetValue(_ensembleRaw)) extra[_ensembleRaw.Name.TrimStart('-')] = "true";
    }
}
