using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// A tokenizer.json split pattern run with .NET's regex engine but with the semantics of the reference
/// implementations (Rust onig / JavaScript 'u' regexes): classes match code points, not UTF-16 units;
/// \s, \d, \w mean what they mean in JavaScript; the case-insensitive contraction group is spelled out
/// as transformers.js does.
/// </summary>
internal sealed class PreTokenizerRegex
{
    // JavaScript's \s (ECMAScript WhiteSpace + LineTerminator); .NET's differs in U+0085 and U+FEFF.
    private const string JsSpace = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    // Stand-ins for a supplementary-plane code point, one UTF-16 unit each, of the same class.
    private const char LetterStandIn = '\u4E00';   // Lo
    private const char NumberStandIn = '\u0660';   // Nd
    private const char MarkStandIn = '\u0300';     // Mn
    private const char OtherStandIn = '\uE000';    // Co: not a letter, number or space

    private readonly Regex _regex;

    public PreTokenizerRegex(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    /// <summary>Appends (start, length) of every non-empty match, in order.</summary>
    public void Matches(ReadOnlySpan<char> text, List<(int Start, int Length)> matches)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (var m in _regex.EnumerateMatches(text))
                if (m.Length > 0) matches.Add((m.Index, m.Length));
            return;
        }
        // Map each code point to one unit so that classes and counted repeats see code points.
        var mapped = new char[text.Length];
        var origin = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            origin[n] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                mapped[n++] = StandIn(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1])));
                i++;
            }
            else mapped[n++] = char.IsSurrogate(text[i]) ? OtherStandIn : text[i];
        }
        origin[n] = text.Length;
        foreach (var m in _regex.EnumerateMatches(mapped.AsSpan(0, n)))
            if (m.Length > 0) matches.Add((origin[m.Index], origin[m.Index + m.Length] - origin[m.Index]));
    }

    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => LetterStandIn,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => NumberStandIn,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => MarkStandIn,
        _ => OtherStandIn,
    };

    /// <summary>Rewrites JavaScript/onig class escapes into .NET syntax with the same meaning.</summary>
    internal static string Translate(string pattern)
    {
        pattern = pattern.Replace("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "(?:'([sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))");
        var result = new StringBuilder(pattern.Length * 2);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[++i];
                switch (e)
                {
                    case 's': result.Append(inClass ? JsSpace : $"[{JsSpace}]"); break;
                    case 'd': result.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'w': result.Append(inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"); break;
                    case 'S' or 'D' or 'W' when inClass:
                        throw new NotSupportedException($"\\{e} inside a character class in pre-tokenizer pattern '{pattern}'");
                    case 'S': result.Append($"[^{JsSpace}]"); break;
                    case 'D': result.Append("[^0-9]"); break;
                    case 'W': result.Append("[^A-Za-z0-9_]"); break;
                    default: result.Append('\\').Append(e); break;
                }
                continue;
            }
            if (c == '[' && !inClass) inClass = true;
            else if (c == ']' && inClass) inClass = false;
            result.Append(c);
        }
        return result.ToString();
    }
}
