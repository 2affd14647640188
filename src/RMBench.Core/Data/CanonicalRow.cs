using RMBench.Core.Requests;

namespace RMBench.Core.Data;

/// <summary>
/// A row to write in canonical form (importers, generators). Single answers go in Chosen/Rejected with
/// one element for the pairwise and image-response kinds; lists for best-of-n and style-matrix; none for
/// image-pair, whose answers are ChosenImage/RejectedImage. Images are PNG or JPEG bytes.
/// </summary>
public sealed record CanonicalRow
{
    public required string Id { get; init; }
    public required string Subset { get; init; }
    public string? System { get; init; }
    public IReadOnlyList<Turn> Conversation { get; init; } = [];
    public required string Prompt { get; init; }
    public IReadOnlyList<string> Chosen { get; init; } = [];
    public IReadOnlyList<string> Rejected { get; init; } = [];
    public string? ChosenModel { get; init; }
    public string? RejectedModel { get; init; }
    /// <summary>image-response: the image the prompt asks about.</summary>
    public byte[]? Image { get; init; }
    /// <summary>image-pair: the preferred and the rejected image for the prompt.</summary>
    public byte[]? ChosenImage { get; init; }
    public byte[]? RejectedImage { get; init; }
}
