using System.Net;
using System.Text;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// Turns untrusted text (model names, subsets, prompts, responses, ids) into HTML text safe in element content and
/// in quoted attribute values:
/// - HTML-encoded (&lt; &gt; &amp; " ' and the rest WebUtility encodes);
/// - NUL, other C0/C1 control characters (except tab, line feed, carriage return) and lone surrogates become U+FFFD;
/// - text containing bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates,
///   U+200E/U+200F/U+061C marks) or right-to-left letters is wrapped in FSI (U+2068) ... PDI (U+2069), after a
///   PDI for every isolate it leaves open; the final PDI also ends every embedding or override left open inside
///   it (Unicode bidi algorithm, rule X6a). That is
///   the in-text equivalent of &lt;bdi&gt; and also works inside attributes: the string is shown as written (an
///   RLO name still reads right to left inside its isolate) but cannot reorder the page text around it.
/// </summary>
public static class HtmlText
{
    private const char Fsi = '\u2068', Pdi = '\u2069';

    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return WebUtility.HtmlEncode(Isolate(Clean(text)));
    }

    /// <summary>Control characters and lone surrogates replaced by U+FFFD (HTML would drop or mangle them).</summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F';
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }
                bad = true;
            }
            else if (char.IsLowSurrogate(c)) bad = true;
            if (bad) (sb ??= new StringBuilder(text.Length).Append(text, 0, i)).Append('\uFFFD');
            else sb?.Append(c);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>The text in a balanced first-strong isolate when it has bidi controls or right-to-left letters; otherwise unchanged.</summary>
    public static string Isolate(string text)
    {
        var isolates = 0;
        var needed = false;
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E': needed = true; break;
                case '\u2066' or '\u2067' or Fsi: isolates++; needed = true; break;
                case Pdi: if (isolates > 0) isolates--; needed = true; break;
                case '\u200E' or '\u200F' or '\u061C': needed = true; break;
                default: if (IsRightToLeft(c)) needed = true; break;
            }
        }
        if (!needed) return text;
        return Fsi + text + new string(Pdi, isolates + 1);
    }

    /// <summary>Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and their presentation forms (BMP; astral RTL scripts are rare in names).</summary>
    private static bool IsRightToLeft(char c) =>
        c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';
}
