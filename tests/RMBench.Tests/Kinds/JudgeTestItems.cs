using RMBench.Core.Requests;
using RMBench.Core.Suites;

namespace RMBench.Tests.Kinds;

/// <summary>Hand-made items for judging tests (the prompt and responses do not matter to Judge).</summary>
internal static class JudgeTestItems
{
    private static readonly IReadOnlyList<Turn> Prompt = [new Turn("user", "Which is better?")];

    public static SuiteItem Pair() => new("p1", "subset-a", "cluster-1", "pairwise",
    [
        new ItemRequest("chosen", new ScoringRequest(null, Prompt, "good")),
        new ItemRequest("rejected", new ScoringRequest(null, Prompt, "bad")),
    ]);

    public static SuiteItem BestOfN(int chosen, int rejected)
    {
        var requests = new List<ItemRequest>();
        for (var i = 0; i < chosen; i++) requests.Add(new ItemRequest($"chosen:{i}", new ScoringRequest(null, Prompt, $"good {i}")));
        for (var j = 0; j < rejected; j++) requests.Add(new ItemRequest($"rejected:{j}", new ScoringRequest(null, Prompt, $"bad {j}")));
        return new SuiteItem("b1", "subset-b", "cluster-2", "best-of-n", requests);
    }
}
