using System.Security.Cryptography;
using System.Text;
using RMBench.Core.IO;
using Scriban.Runtime;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// Renders the leaderboard page: Templates/page.sbn-html (and the partials it includes) with the page's CSS and
/// script inlined, the chart data as a JSON island, and a Content-Security-Policy that allows only that script
/// (by hash) and inline styles: no network, no other script, even if some text were ever left unescaped.
/// </summary>
public static class LeaderboardHtml
{
    public const string DataElementId = "lb-data";

    public static string Render(LeaderboardPage page, IReadOnlyList<IReadOnlyList<ChartPointData>> charts)
    {
        ArgumentNullException.ThrowIfNull(page);
        var script = EmbeddedTemplates.Read("page.js");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var globals = new ScriptObject();
        globals.Import(page, renamer: member => StandardMemberRenamer.Rename(member));
        globals["css"] = new TrustedHtml(EmbeddedTemplates.Read("page.css"));
        globals["script"] = new TrustedHtml(script);
        globals["data"] = ScriptJson.Island(DataElementId, new { Charts = charts });
        globals["partial"] = new PartialFunction();
        globals["csp"] = $"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'";

        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return EmbeddedTemplates.Parse("page.sbn-html").Render(context);
    }

    /// <summary>Loads, builds and writes the page atomically; returns the page model (for the command's summary line).</summary>
    public static async Task<LeaderboardPage> WriteAsync(LeaderboardInputs inputs, string outputPath, string title, CancellationToken cancellationToken = default)
    {
        var (page, charts) = await LeaderboardBuilder.BuildAsync(inputs, title, cancellationToken);
        var html = Render(page, charts);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await AtomicFile.WriteAllTextAsync(outputPath, html, cancellationToken);
        return page;
    }
}
