namespace RMBench.Core.Models;

/// <summary>
/// Optional for models that pad batches: how many real and padded tokens they fed to the graph, and
/// where they ran. The runner reads the totals before and after scoring to report padding efficiency
/// and tokens/s in run.json, so Core learns what a backend padded without knowing the backend.
/// </summary>
public interface IThroughputReporting
{
    /// <summary>Execution provider the model runs on, e.g. "cpu", "cuda:0".</summary>
    string ExecutionProvider { get; }

    /// <summary>Totals since the model was created.</summary>
    PaddingTotals Padding { get; }
}

/// <param name="RealTokens">Tokens of the requests themselves (attention mask 1).</param>
/// <param name="PaddedTokens">Tokens fed including padding: rows x longest row, summed over batches.</param>
public readonly record struct PaddingTotals(long RealTokens, long PaddedTokens)
{
    public static PaddingTotals operator -(PaddingTotals a, PaddingTotals b) => new(a.RealTokens - b.RealTokens, a.PaddedTokens - b.PaddedTokens);
}
