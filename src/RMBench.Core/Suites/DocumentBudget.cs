using System.Text;
using System.Text.Json;
using RMBench.Core.Errors;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite's budget for retrieved documents (manifest option <c>document_budget_tokens</c>, a positive
/// integer). Suites are pure and know no model tokenizer, so tokens are estimated deterministically as
/// <see cref="EstimateTokens"/>: ceil(Unicode code points / 4), the usual four-characters-per-token rule of
/// English BPE vocabularies. Documents are kept in order while they fit; the first one that does not fit is
/// cut at the last whitespace that fits (dropped when not even one word fits) and every later one is dropped.
/// </summary>
public sealed class DocumentBudget
{
    public const string OptionKey = "document_budget_tokens";
    public const int CharactersPerToken = 4;

    private DocumentBudget(int? tokens) => Tokens = tokens;

    /// <summary>The budget in estimated tokens; null means unlimited.</summary>
    public int? Tokens { get; }

    public static DocumentBudget Unlimited { get; } = new(null);

    /// <exception cref="InputException">The option is present but not a positive integer.</exception>
    public static DocumentBudget For(SuiteManifest manifest)
    {
        if (!manifest.Options.TryGetValue(OptionKey, out var value)) return Unlimited;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var tokens) || tokens <= 0)
            throw new InputException(manifest.ManifestPath, $"option '{OptionKey}' of suite '{manifest.Name}' must be a positive integer, got {value.GetRawText()}", column: "options");
        return new DocumentBudget(tokens);
    }

    /// <summary>Estimated tokens of a text: ceil(code points / 4).</summary>
    public static int EstimateTokens(string text) => (text.EnumerateRunes().Count() + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>The documents that fit, and whether anything was cut.</summary>
    public (IReadOnlyList<string> Documents, bool Truncated) Apply(IReadOnlyList<string> documents)
    {
        if (Tokens is not { } budget) return (documents, false);
        var kept = new List<string>(documents.Count);
        var left = budget;
        foreach (var document in documents)
        {
            var tokens = EstimateTokens(document);
            if (tokens <= left)
            {
                kept.Add(document);
                left -= tokens;
                continue;
            }
            if (Cut(document, left) is { Length: > 0 } head) kept.Add(head);
            return (kept, true);
        }
        return (kept, false);
    }

    /// <summary>The longest prefix ending before whitespace whose estimate fits in <paramref name="tokens"/>.</summary>
    private static string Cut(string document, int tokens)
    {
        var maxRunes = tokens * CharactersPerToken;
        var runes = document.EnumerateRunes().Take(maxRunes + 1).ToList();
        var end = -1;
        for (var i = 1; i <= Math.Min(maxRunes, runes.Count - 1); i++)
            if (Rune.IsWhiteSpace(runes[i])) end = i;
        return end <= 0 ? "" : string.Concat(runes.Take(end).Select(r => r.ToString())).TrimEnd();
    }
}
