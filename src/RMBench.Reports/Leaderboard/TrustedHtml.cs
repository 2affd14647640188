namespace RMBench.Reports.Leaderboard;

/// <summary>
/// Markup produced by our own code (the page's CSS and script, the safely encoded JSON island). The only kind
/// of value <see cref="HtmlTemplateContext"/> writes without encoding; never wrap text that came from data.
/// </summary>
public sealed class TrustedHtml(string html)
{
    public string Html { get; } = html ?? throw new ArgumentNullException(nameof(html));

    public override string ToString() => Html;
}
