using System.Runtime.CompilerServices;
using RMBench.Core.Models.Baselines;

namespace RMBench.Core.Suites.Kinds;

/// <summary>
/// Per-response outcome Extras that the length metrics read (length_correlation, length_split):
/// "score:&lt;role&gt;" = the request's score (only when finite) and "chars:&lt;role&gt;" = its response length in
/// characters (Unicode code points, as the length baseline counts), for every request of the item.
/// Set by the pairwise and style-matrix kinds.
/// </summary>
public static class ResponseExtras
{
    public const string ScorePrefix = "score:";
    public const string CharsPrefix = "chars:";

    /// <summary>Adds the score and length of the first <paramref name="count"/> requests (default: all) to <paramref name="extras"/> and returns it.</summary>
    public static Dictionary<string, double> Add(Dictionary<string, double> extras, SuiteItem item, IReadOnlyList<float> scores, int? count = null)
    {
        for (var i = 0; i < Math.Min(count ?? item.Requests.Count, item.Requests.Count); i++)
        {
            var request = item.Requests[i];
            extras[CharsPrefix + request.Role] = LengthModel.CountCodePoints(request.Request.Response);
            if (float.IsFinite(scores[i])) extras[ScorePrefix + request.Role] = scores[i];
        }
        return extras;
    }

    private static readonly ConditionalWeakTable<ItemOutcome, (double Score, double Chars)[]> Scored = new();

    /// <summary>
    /// The (score, chars) of every response of the outcome that has a finite score, in Extras order.
    /// Memoised per outcome instance (outcomes are immutable), because the bootstrap asks for the same
    /// outcomes a thousand times.
    /// </summary>
    public static IReadOnlyList<(double Score, double Chars)> ScoredResponses(ItemOutcome outcome) =>
        Scored.GetValue(outcome, static o => [.. o.Extras
            .Where(e => e.Key.StartsWith(ScorePrefix, StringComparison.Ordinal))
            .Select(e => (e.Value, o.Extras[CharsPrefix + e.Key[ScorePrefix.Length..]]))]);
}
