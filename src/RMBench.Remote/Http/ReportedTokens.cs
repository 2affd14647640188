using System.Collections.Concurrent;
using RMBench.Core.Requests;

namespace RMBench.Remote.Http;

/// <summary>Token counts servers report per request (usage.prompt_tokens), by request hash, for <c>IReportedTokenCounts</c>. Thread-safe.</summary>
public sealed class ReportedTokens
{
    private readonly ConcurrentDictionary<string, int> _tokens = new(StringComparer.Ordinal);

    public void Record(ScoringRequest request, int tokens) => _tokens[request.Hash] = tokens;

    /// <summary>The runner asks for each score row, so a request repeated across items asks more than once: counts are kept.</summary>
    public bool TryGet(ScoringRequest request, out int tokens) => _tokens.TryGetValue(request.Hash, out tokens);
}
