namespace RMBench.Tests.Leaderboard;

/// <summary>
/// Strings that would run script, inject markup or confuse the page if any value reached the HTML unescaped.
/// Every payload that could execute sets window.__pwned or calls alert (a dialog), so the browser tests can see it.
/// </summary>
public static class HostileStrings
{
    public static IReadOnlyList<string> All { get; } =
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<svg onload=window.__pwned=1>",
        "\"><svg onload=window.__pwned=1>",
        "'><img src=x onerror=window.__pwned=1>",
        "</script><script>window.__pwned=1</script>",
        "</SCRIPT ><script>alert(1)</script>",
        "javascript:window.__pwned=1",
        "<a href=\"javascript:window.__pwned=1\">click me</a>",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "<body onload=window.__pwned=1>",
        "<details open ontoggle=window.__pwned=1>x</details>",
        "<input autofocus onfocus=window.__pwned=1>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
        "<style>body{display:none}</style>",
        "<!-- <script>",
        "{{ 7 * 7 }} {{ partial 'cell.sbn-html' }} {{ css }}",
        "{% raw %}{{ include 'page.sbn-html' }}{% endraw %}",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
        "\u202Egnp.exe\u202C and \u202Eunterminated override",
        "\u202Dforced left-to-right \u2067isolate without end",
        "null\0byte\0inside",
        "line\u2028separator\u2029and </script> in JSON",
        "${alert(1)} `backtick` \\\" \\u003c",
        "שלום <b>עולם</b> مرحبا",
        "%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
        new string('W', 3000) + "<script>window.__pwned=1</script>" + new string('x', 3000),
    ];

    /// <summary>What the page shows for a string: control characters (here NUL) become U+FFFD.</summary>
    public static string Displayed(string s) => RMBench.Reports.Leaderboard.HtmlText.Clean(s);
}
