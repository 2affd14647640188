using RMBench.Core.Requests;

namespace RMBench.Core.Models;

/// <summary>Which orders a pairwise judge sees each comparison in.</summary>
public enum JudgeOrders
{
    /// <summary>Both: chosen first, then rejected first (position bias cancels out and is measured).</summary>
    Both,
    /// <summary>One order per comparison, picked from the judge's seed and the comparison.</summary>
    One,
}

/// <summary>
/// One comparison as a judge sees it: the conversation and two responses in the order shown.
/// It travels through the runner as a <see cref="ScoringRequest"/> whose Response is the first-shown
/// response and whose Reference is the second (<see cref="ToRequest"/>, <see cref="Of"/>), so that the
/// journal, the cache, deduplication and concurrent batches work for comparisons unchanged.
/// </summary>
public sealed record Comparison(string? System, IReadOnlyList<Turn> Turns, string First, string Second)
{
    public ScoringRequest ToRequest() => new(System, Turns, First, reference: Second);

    public static Comparison Of(ScoringRequest request) =>
        new(request.System, request.Turns, request.Response, request.Reference ?? "");
}

/// <summary>
/// A comparative (generative) judge: given two responses it says which is better. Optional alongside
/// <see cref="IRewardModel"/> (whose <see cref="ModelInfo.Capabilities"/> are then
/// <see cref="ModelCapabilities.Comparisons"/>): the runner gives it the comparisons of kinds that
/// implement <see cref="Suites.IComparativeKind"/> and reports other kinds unsupported.
/// </summary>
public interface IPairwiseJudge
{
    JudgeOrders Orders { get; }

    /// <summary>Seed that picks the order under <see cref="JudgeOrders.One"/>.</summary>
    int OrderSeed { get; }

    /// <summary>
    /// One verdict per comparison, in order, from the first-shown response's side: +1 it wins, -1 it loses,
    /// 0 a tie, NaN no verdict could be read (unparsed). Thread-safe when the model is an <see cref="IConcurrentModel"/>.
    /// </summary>
    Task<float[]> JudgeAsync(IReadOnlyList<ComparisonEntry> batch, CancellationToken cancellationToken);
}

/// <param name="Order">"chosen-first" or "rejected-first" (for the journal and audit; the judge must not use it).</param>
public sealed record ComparisonEntry(Comparison Comparison, string RequestHash, string Order, IReadOnlyList<RequestOrigin> Origins);
