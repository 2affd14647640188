namespace RMBench.Core.Data;

/// <summary>
/// Rejects rows that the writer must not turn into a file that readers would refuse: unknown kinds,
/// no rows, duplicate ids, null texts, wrong answer counts for the kind, roles other than user/assistant,
/// missing, misplaced or undecodable images.
/// </summary>
internal static class CanonicalRowChecks
{
    public static readonly IReadOnlyList<string> Kinds = ["pairwise", "best-of-n", "style-matrix", "verify", "image-pair", "image-response"];

    public static void Check(string kind, IReadOnlyList<CanonicalRow> rows)
    {
        var (min, exact) = AnswerCounts(kind);
        if (rows.Count == 0) throw new ArgumentException("No rows to write: a canonical dataset needs at least one row.", nameof(rows));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            CheckTexts(row);
            if (!ids.Add(row.Id)) throw new ArgumentException($"Duplicate id '{row.Id}'.", nameof(rows));
            if (kind == "verify")
            {
                CheckVerify(row);
                continue;
            }
            CheckAnswers(kind, row, "chosen", row.Chosen, min, exact);
            CheckAnswers(kind, row, "rejected", row.Rejected, min, exact);
            CheckContext(kind, row);
            CheckImages(kind, row);
        }
    }

    private static (int Min, int? Exact) AnswerCounts(string kind) => kind switch
    {
        "pairwise" => (1, 1),
        "best-of-n" => (1, null),
        "style-matrix" => (3, 3),
        "verify" => (0, 0),
        "image-pair" => (0, 0),
        "image-response" => (1, 1),
        _ => throw new ArgumentException($"Unknown kind '{kind}' for a canonical file; expected one of: {string.Join(", ", Kinds)}.", nameof(kind)),
    };

    private static void CheckTexts(CanonicalRow row)
    {
        if (row.Id is null || row.Subset is null || row.Prompt is null)
            throw new ArgumentException($"Row '{row.Id}': id, subset and prompt must not be null.", "rows");
        foreach (var turn in row.Conversation)
        {
            if (turn?.Content is null || turn.Role is not ("user" or "assistant"))
                throw new ArgumentException($"Row '{row.Id}': every conversation turn needs content and the role 'user' or 'assistant'.", "rows");
        }
    }

    private static void CheckContext(string kind, CanonicalRow row)
    {
        if ((row.Persona is not null || row.Documents is not null) && kind != "pairwise")
            throw new ArgumentException($"Row '{row.Id}': persona and documents are columns of the pairwise kind only, not '{kind}'.", "rows");
        if (row.Documents is not null && row.Documents.Any(d => d is null))
            throw new ArgumentException($"Row '{row.Id}': documents must not contain nulls.", "rows");
    }

    private static void CheckVerify(CanonicalRow row)
    {
        if (row.Reference is null || row.Completion is null || row.Label is null)
            throw new ArgumentException($"Row '{row.Id}': kind 'verify' needs a reference, a completion and a label.", "rows");
        if (row.Chosen.Count != 0 || row.Rejected.Count != 0)
            throw new ArgumentException($"Row '{row.Id}': kind 'verify' has no chosen/rejected answers.", "rows");
    }

    private static void CheckAnswers(string kind, CanonicalRow row, string name, IReadOnlyList<string> answers, int min, int? exact)
    {
        if (answers is null || answers.Any(a => a is null))
            throw new ArgumentException($"Row '{row.Id}': {name} must not be null or contain nulls.", "rows");
        if (exact is { } count && answers.Count != count)
            throw new ArgumentException($"Row '{row.Id}': kind '{kind}' needs exactly {count} {name} answer(s), got {answers.Count}.", "rows");
        if (answers.Count < min)
            throw new ArgumentException($"Row '{row.Id}': kind '{kind}' needs at least {min} {name} answer(s), got {answers.Count}.", "rows");
    }

    private static void CheckImages(string kind, CanonicalRow row)
    {
        (string Name, byte[]? Bytes, bool Wanted)[] images =
        [
            ("image", row.Image, kind == "image-response"),
            ("chosen_image", row.ChosenImage, kind == "image-pair"),
            ("rejected_image", row.RejectedImage, kind == "image-pair"),
        ];
        foreach (var (name, bytes, wanted) in images)
        {
            if (wanted && bytes is null) throw new ArgumentException($"Row '{row.Id}': kind '{kind}' needs {name}.", "rows");
            if (!wanted && bytes is not null) throw new ArgumentException($"Row '{row.Id}': kind '{kind}' has no column {name}.", "rows");
            if (bytes is not null && ImageCheck.FindProblem(bytes) is { } problem)
                throw new ArgumentException($"Row '{row.Id}': {name} is not a decodable image: {problem}.", "rows");
        }
    }
}
