using System.CommandLine;
using RMBench.Core.Models;
using RMBench.Remote.Http;

namespace RMBench.Cli.Commands;

/// <summary>
/// The remote-model options shared by `run` and `bench`. They reach the backends through <see cref="ModelOptions.Extra"/>
/// under their names (repeatable ones joined by '\n'); <see cref="RemoteOptions"/> parses and validates them.
/// </summary>
public sealed class RemoteCliOptions
{
    private readonly Option<string[]> _endpoint = new("--endpoint") { Description = "remote: another replica URL of the SPEC's model (repeatable); requests go to the least busy healthy one." };
    private readonly Option<string?> _timeout = new("--timeout") { Description = "remote: seconds per request before it is retried (default 60)." };
    private readonly Option<string[]> _header = new("--header") { Description = "remote: \"Name: value\" sent with every request (repeatable); values are never written to run.json, logs or errors." };
    private readonly Option<string?> _apiKeyEnv = new("--api-key-env") { Description = "remote: environment variable holding a Bearer token." };
    private readonly Option<string?> _digest = new("--digest") { Description = "remote: pin the checkpoint digest (enables the score cache; a server reporting another is an error)." };
    private readonly Option<string?> _tokenizer = new("--tokenizer") { Description = "remote: local tokenizer folder (client-side chat template, token ids for kserve)." };
    private readonly Option<string?> _remoteTemplate = new("--remote-template") { Description = "remote: who applies the chat template: server (default) or client (--tokenizer's template)." };
    private readonly Option<string?> _vllmEndpoint = new("--vllm-endpoint") { Description = "vllm: classify (default, sequence-classification RMs) or pooling (per-token reward models: the last token's reward)." };

    public IEnumerable<Option> All => [_endpoint, _timeout, _header, _apiKeyEnv, _digest, _tokenizer, _remoteTemplate, _vllmEndpoint];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Add(option);
    }

    /// <summary>Adds the given options to <paramref name="extra"/> and validates them at once (exit 3 before suites load).</summary>
    public void Collect(ParseResult parse, Dictionary<string, string> extra, string baseDirectory)
    {
        foreach (var option in new[] { _endpoint, _header })
            if (parse.GetValue(option) is { Length: > 0 } values) extra[Key(option)] = string.Join('\n', values);
        foreach (var option in new[] { _timeout, _apiKeyEnv, _digest, _tokenizer, _remoteTemplate, _vllmEndpoint })
            if (parse.GetValue(option) is { } value) extra[Key(option)] = value;
        if (RemoteOptions.AnyGiven(extra))
            RemoteOptions.From(new ModelOptions { Extra = extra, BaseDirectory = baseDirectory }, ["http", "https", "grpc", "grpcs"]);
    }

    /// <summary>The command line as run.json records it, with `--header` values replaced by "Name: ***".</summary>
    public static string CommandLine(ParseResult parse)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "--header" && i + 1 < tokens.Count) tokens[i + 1] = Masked(tokens[i + 1]);
            else if (tokens[i].StartsWith("--header=", StringComparison.Ordinal)) tokens[i] = "--header=" + Masked(tokens[i]["--header=".Length..]);
        }
        return "rmbench " + string.Join(' ', tokens);

        static string Masked(string header) => header.IndexOf(':') is > 0 and var colon ? header[..colon] + ": ***" : "***";
    }

    private static string Key(Option option) => option.Name.TrimStart('-');
}
