using RMBench.Core.Requests;

namespace RMBench.Core.Suites;

/// <summary>One request of an item and the role it plays there ("chosen", "rejected", "chosen:1").</summary>
public sealed record ItemRequest(string Role, ScoringRequest Request);

/// <summary>
/// One judged unit of a suite: a pair, a best-of-n row, a style matrix... The kind turns a row into an
/// item (its requests) and later the requests' scores into an <see cref="ItemOutcome"/>.
/// </summary>
/// <param name="Cluster">Bootstrap resampling unit: items with the same prompt are resampled together.</param>
/// <param name="Kind">Name of the suite kind that made the item and judges it.</param>
public sealed record SuiteItem(string Id, string Subset, string Cluster, string Kind, IReadOnlyList<ItemRequest> Requests)
{
    /// <summary>True when building the item cut something (e.g. documents over the suite's budget); counted per suite.</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// Row facts the kind's Judge needs besides the scores (a verify item's "label" and "answer_type").
    /// Each kind documents the keys it sets.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();
}

/// <summary>
/// The judged result of one item. Value is in [0, 1] (1 = the model preferred the right answer;
/// fractions for ties under --ties half or best-of-n ties at the top).
/// </summary>
/// <param name="Ties">Number of tied comparisons in the item (always reported).</param>
/// <param name="Invalid">True when a needed score was NaN or infinite: the item counts as 0 and is reported.</param>
public sealed record ItemOutcome(string Id, string Subset, string Cluster, double Value, int Ties, bool Invalid)
{
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>
    /// Kind-specific numbers that metrics beyond accuracy need, e.g. the 3x3 style matrix cells
    /// ("m01"), the outcome without the persona ("no_persona"), a verify item's score and label.
    /// Each kind documents the keys it sets; metrics read only keys their kind documents.
    /// </summary>
    public IReadOnlyDictionary<string, double> Extras { get; init; } = None;

    /// <summary>Value equality including <see cref="Extras"/> by content (a record would compare the dictionary by reference).</summary>
    public bool Equals(ItemOutcome? other) =>
        other is not null
        && Id == other.Id && Subset == other.Subset && Cluster == other.Cluster
        && Value.Equals(other.Value) && Ties == other.Ties && Invalid == other.Invalid
        && Extras.Count == other.Extras.Count
        && Extras.All(e => other.Extras.TryGetValue(e.Key, out var v) && v.Equals(e.Value));

    public override int GetHashCode() => HashCode.Combine(Id, Subset, Cluster, Value, Ties, Invalid, Extras.Count);
}
