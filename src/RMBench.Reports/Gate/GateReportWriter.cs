using RMBench.Core.Gate;
using RMBench.Core.IO;

namespace RMBench.Reports.Gate;

/// <summary>The files a gate writes.</summary>
public sealed record GateReportFiles(string GateJson, string JunitXml, string GateMarkdown);

/// <summary>Writes gate.json, junit.xml and gate.md into a folder, each atomically (rendered in memory first).</summary>
public static class GateReportWriter
{
    public const string GateJsonFile = "gate.json";
    public const string JunitFile = "junit.xml";
    public const string MarkdownFile = "gate.md";

    public static async Task<GateReportFiles> WriteAllAsync(string directory, GateResult result, CancellationToken cancellationToken = default)
    {
        var json = GateJson.Serialize(result);
        var junit = GateJunit.Render(result);
        var markdown = GateMarkdown.Render(result);
        var full = Path.GetFullPath(directory);
        var files = new GateReportFiles(Path.Combine(full, GateJsonFile), Path.Combine(full, JunitFile), Path.Combine(full, MarkdownFile));
        await AtomicFile.WriteAllTextAsync(files.JunitXml, junit, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.GateMarkdown, markdown, cancellationToken);
        await AtomicFile.WriteAllTextAsync(files.GateJson, json, cancellationToken);
        return files;
    }
}
