using System.Reflection;
using Scriban;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// The leaderboard's Scriban templates, CSS and script: files in Leaderboard/Templates/ compiled into the assembly
/// as embedded resources, so the page needs nothing at run time.
/// </summary>
public static class EmbeddedTemplates
{
    private const string Prefix = "RMBench.Reports.Leaderboard.Templates.";
    private static readonly Assembly Assembly = typeof(EmbeddedTemplates).Assembly;

    /// <summary>The text of Templates/<paramref name="name"/>; a missing resource is a build bug.</summary>
    public static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"embedded template '{name}' is missing from {Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a template, failing loudly on a syntax error (our bug, never the user's).</summary>
    public static Template Parse(string name)
    {
        var template = Template.Parse(Read(name), name);
        if (template.HasErrors)
            throw new InvalidOperationException($"template {name}: {string.Join("; ", template.Messages)}");
        return template;
    }
}
