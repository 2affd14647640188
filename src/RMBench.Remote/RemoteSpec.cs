using RMBench.Core.Errors;
using RMBench.Remote.Http;

namespace RMBench.Remote;

/// <summary>SPEC arguments of the remote backends: "URL" or "URL#MODEL".</summary>
internal static class RemoteSpec
{
    public static (Uri Url, string? Model) Parse(string? argument, string usage, bool modelRequired)
    {
        var text = argument ?? "";
        var hash = text.LastIndexOf('#');
        var (url, model) = hash >= 0 ? (text[..hash], text[(hash + 1)..].Trim()) : (text, null);
        var problems = new List<Core.Errors.InputProblem>();
        var uri = RemoteOptions.ParseEndpoint(url, "--model", ["http", "https"], problems);
        if (modelRequired && string.IsNullOrEmpty(model))
            problems.Add(new("--model", $"'{RemoteEndpoint.Describe(url)}' names no model: {usage}"));
        if (problems.Count > 0) throw new InputException(problems);
        return (uri!, string.IsNullOrEmpty(model) ? null : model);
    }
}
