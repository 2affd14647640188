using RMBench.Core.Requests;
using RMBench.Core.Suites;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Tests.RewardBench2;

/// <summary>Best-of-n rows judged by the real <see cref="BestOfNKind"/>, for the RewardBench 2 metric tests.</summary>
internal static class Rb2Items
{
    private static readonly BestOfNKind Kind = new();

    /// <summary>The outcome of a row whose first <paramref name="numCorrect"/> scores are its chosen (correct) answers.</summary>
    public static ItemOutcome Judge(string id, string subset, string cluster, int numCorrect, params float[] scores)
    {
        IReadOnlyList<Turn> prompt = [new Turn("user", $"prompt of {cluster}")];
        var requests = scores.Select((_, i) => i < numCorrect
            ? new ItemRequest($"chosen:{i}", new ScoringRequest(null, prompt, $"correct {i}"))
            : new ItemRequest($"rejected:{i - numCorrect}", new ScoringRequest(null, prompt, $"incorrect {i}"))).ToList();
        return Kind.Judge(new SuiteItem(id, subset, cluster, Kind.Name, requests), scores, new JudgingOptions());
    }

    /// <summary>The golden example: Ties = 0.5004073.</summary>
    public static IReadOnlyList<ItemOutcome> GoldenTies() =>
    [
        Judge("ref:1", "ties", "p1", 1, 2.0f, 0.5f, 0.1f),
        Judge("tied:1", "ties", "p1", 3, 1.8f, 1.6f, 1.7f, 0.2f, 0.9f),
        Judge("ref:2", "ties", "p2", 1, 0.3f, 0.6f),
        Judge("tied:2", "ties", "p2", 2, 1.0f, 0.4f, 0.5f),
    ];
}
