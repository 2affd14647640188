using RMBench.Core.Requests;

namespace RMBench.Core.Data;

/// <summary>
/// A row to write in canonical form (importers, generators). Single answers go in Chosen/Rejected with
/// one element for the pairwise and image-response kinds; lists for best-of-n and style-matrix; none for
/// image-pair, whose answers are ChosenImage/RejectedImage (PNG or JPEG bytes). Verify rows leave Chosen and
/// Rejected empty and set Prompt (the question), Reference, Completion, Label and optionally AnswerType.
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
    /// <summary>Pairwise only: the user's stated persona/preferences (a "persona" column is written when any row has one).</summary>
    public string? Persona { get; init; }
    /// <summary>Pairwise only: retrieved documents (a "documents" column is written when any row has them; others get an empty list).</summary>
    public IReadOnlyList<string>? Documents { get; init; }

    /// <summary>Verify: the reference answer.</summary>
    public string? Reference { get; init; }
    /// <summary>Verify: the completion being judged.</summary>
    public string? Completion { get; init; }
    /// <summary>Verify: true when the completion's answer is correct.</summary>
    public bool? Label { get; init; }
    /// <summary>Verify: optional answer type (numeric, multiple-choice, ...).</summary>
    public string? AnswerType { get; init; }

    /// <summary>image-response: the image the prompt asks about.</summary>
    public byte[]? Image { get; init; }
    /// <summary>image-pair: the preferred and the rejected image for the prompt.</summary>
    public byte[]? ChosenImage { get; init; }
    public byte[]? RejectedImage { get; init; }
}
