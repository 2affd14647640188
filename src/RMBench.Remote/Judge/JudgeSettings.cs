using System.Globalization;
using RMBench.Core.Errors;
using RMBench.Core.Models;

namespace RMBench.Remote.Judge;

/// <summary>
/// A judge's settings, read from <see cref="ModelOptions.Extra"/> by CLI option name (the CLI's JudgeCliOptions
/// puts them there): judge-preset, judge-orders, judge-followups, judge-max-tokens, judge-logprobs,
/// judge-seed, price-per-mtok, max-requests. The transport options (--endpoint, --timeout, --header, --api-key-env,
/// --digest) are the shared remote ones (<see cref="Http.RemoteOptions"/>, read by <see cref="JudgeBackend"/>).
/// </summary>
public sealed record JudgeSettings
{
    public const int DefaultSeed = 42;

    public required JudgePreset Preset { get; init; }
    public JudgeOrders Orders { get; init; } = JudgeOrders.Both;
    public int FollowUps { get; init; } = 1;
    public int MaxTokens { get; init; } = 1024;
    public bool Logprobs { get; init; }
    /// <summary>The request's `seed` and the coin of --judge-orders one (--judge-seed).</summary>
    public int Seed { get; init; } = DefaultSeed;
    public (double Prompt, double Completion)? PricePerMillionTokens { get; init; }
    public int? MaxRequests { get; init; }

    public static JudgeSettings From(ModelOptions options)
    {
        var extra = options.Extra;
        string? Get(string key) => extra.TryGetValue(key, out var v) ? v : null;
        var preset = JudgePreset.Resolve(Get("judge-preset") ?? "pairwise", options.BaseDirectory);
        var logprobs = Get("judge-logprobs") is "true";
        if (logprobs && preset.Mode != JudgeMode.Rating)
            throw new InputException("--judge-logprobs", $"log-prob scoring needs a rating preset; '{preset.Name}' is pairwise");
        return new JudgeSettings
        {
            Preset = preset,
            Orders = Get("judge-orders") switch
            {
                null or "both" => JudgeOrders.Both,
                "one" => JudgeOrders.One,
                var other => throw new InputException("--judge-orders", $"must be 'both' or 'one' (got '{other}')"),
            },
            FollowUps = NonNegative(Get("judge-followups"), "--judge-followups") ?? 1,
            MaxTokens = Positive(Get("judge-max-tokens"), "--judge-max-tokens") ?? 1024,
            Logprobs = logprobs,
            Seed = NonNegative(Get("judge-seed"), "--judge-seed") ?? DefaultSeed,
            PricePerMillionTokens = Get("price-per-mtok") is { } price ? Price(price) : null,
            MaxRequests = Positive(Get("max-requests"), "--max-requests"),
        };
    }

    private static (double, double) Price(string text)
    {
        var parts = text.Split(',');
        if (parts.Length == 2 && TryPrice(parts[0], out var prompt) && TryPrice(parts[1], out var completion)) return (prompt, completion);
        throw new InputException("--price-per-mtok", $"must be IN,OUT: prices per million prompt and completion tokens, e.g. 2.5,10 (got '{text}')");

        static bool TryPrice(string s, out double v) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && v >= 0 && double.IsFinite(v);
    }

    private static int? Positive(string? text, string option) => text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v
        : throw new InputException(option, $"must be a positive integer (got '{text}')");

    private static int? NonNegative(string? text, string option) => text is null ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
        : throw new InputException(option, $"must be 0 or a positive integer (got '{text}')");
}
