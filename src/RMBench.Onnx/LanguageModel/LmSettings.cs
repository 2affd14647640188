using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Onnx.LanguageModel;

/// <summary>How an <c>onnx-lm</c> model turns log-probabilities into a reward (--lm-reward).</summary>
public enum LmReward
{
    /// <summary>Sum of the response tokens' log-probabilities (reference-free).</summary>
    LogProb,
    /// <summary>Mean per response token.</summary>
    LogProbMean,
    /// <summary>DPO implicit reward: beta * (log pi(y|x) - log pi_ref(y|x)).</summary>
    Dpo,
    /// <summary>Log-probability of a follow-up user turn after the response.</summary>
    Followup,
}

/// <summary>
/// The onnx-lm options, from <see cref="ModelOptions.Extra"/> under the CLI option names: --lm-reward
/// (logprob, logprob-mean, dpo, followup; default logprob), --reference onnx-lm:DIR (dpo only, required there),
/// --beta B (dpo, default 0.1, positive), --followup-text T (followup only, required there).
/// Every inconsistency is an input error.
/// </summary>
public sealed record LmSettings(LmReward Reward, string? Reference, double Beta, string? FollowupText)
{
    public static class Keys
    {
        public const string LmReward = "lm-reward";
        public const string Reference = "reference";
        public const string Beta = "beta";
        public const string FollowupText = "followup-text";
    }

    public const double DefaultBeta = 0.1;

    public static string Name(LmReward reward) => reward switch
    {
        LmReward.LogProb => "logprob",
        LmReward.LogProbMean => "logprob-mean",
        LmReward.Dpo => "dpo",
        _ => "followup",
    };

    public static LmSettings From(ModelOptions options)
    {
        var extra = options.Extra;
        var problems = new List<InputProblem>();
        var reward = LmReward.LogProb;
        if (extra.TryGetValue(Keys.LmReward, out var name))
        {
            var known = Enum.GetValues<LmReward>().FirstOrDefault(r => Name(r) == name, (LmReward)(-1));
            if ((int)known < 0) problems.Add(new InputProblem("--lm-reward", $"must be logprob, logprob-mean, dpo or followup (got '{name}')"));
            else reward = known;
        }
        var reference = extra.GetValueOrDefault(Keys.Reference);
        var followup = extra.GetValueOrDefault(Keys.FollowupText);
        var beta = DefaultBeta;
        if (extra.TryGetValue(Keys.Beta, out var betaText)
            && (!double.TryParse(betaText, NumberStyles.Float, CultureInfo.InvariantCulture, out beta) || !double.IsFinite(beta) || beta <= 0))
            problems.Add(new InputProblem("--beta", $"must be a positive number (got '{betaText}')"));
        if (reward == LmReward.Dpo && reference is null)
            problems.Add(new InputProblem("--reference", "--lm-reward dpo needs --reference onnx-lm:DIR (the reference model of the DPO policy)"));
        if (reward != LmReward.Dpo && reference is not null)
            problems.Add(new InputProblem("--reference", "applies only to --lm-reward dpo"));
        if (reward != LmReward.Dpo && betaText is not null)
            problems.Add(new InputProblem("--beta", "applies only to --lm-reward dpo"));
        if (reward == LmReward.Followup && string.IsNullOrEmpty(followup))
            problems.Add(new InputProblem("--followup-text", "--lm-reward followup needs --followup-text T (the user turn whose log-probability is the reward)"));
        if (reward != LmReward.Followup && followup is not null)
            problems.Add(new InputProblem("--followup-text", "applies only to --lm-reward followup"));
        if (problems.Count > 0) throw new InputException(problems);
        return new LmSettings(reward, reference, beta, followup);
    }
}
