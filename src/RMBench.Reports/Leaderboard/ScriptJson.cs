using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// JSON for a &lt;script type="application/json"&gt; island. Inside a script element only "&lt;/script" (and
/// "&lt;!--") can end or confuse the element, and U+2028/U+2029 break older JavaScript parsers, so &lt; &gt; &amp;
/// U+2028 and U+2029 are written as \u escapes. They can only occur inside JSON strings, where the escape means
/// the same character, so JSON.parse gives back the original text.
/// </summary>
public static class ScriptJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Serialize<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        var sb = new StringBuilder(json.Length + 64);
        foreach (var c in json)
        {
            switch (c)
            {
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A complete, trusted &lt;script type="application/json"&gt; element with the given id.</summary>
    public static TrustedHtml Island<T>(string id, T value) =>
        new($"<script type=\"application/json\" id=\"{HtmlText.Encode(id)}\">{Serialize(value)}</script>");
}
