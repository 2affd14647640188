using RMBench.Core.Requests;

namespace RMBench.Core.Models;

/// <summary>
/// Optional for models whose token counts are known only once scored (a server's usage.prompt_tokens): the
/// runner asks after scoring and records the count in scores.parquet's token_count column. Must be thread-safe.
/// </summary>
public interface IReportedTokenCounts
{
    bool TryGetTokens(ScoringRequest request, out int tokens);
}
