using RMBench.Core.Data;

namespace RMBench.Core.Suites;

/// <summary>
/// A suite kind (pairwise, best-of-n, ...): its Parquet schema, how a row becomes an item, and how an
/// item's scores become an outcome. Pure functions: no I/O, no model calls. Register one by adding a
/// public class implementing this interface.
/// </summary>
public interface ISuiteKind
{
    string Name { get; }
    string Description { get; }
    DatasetSchema Schema { get; }

    /// <summary>Metrics an ad-hoc suite of this kind (`--suite FILE.parquet`) gets besides the defaults.</summary>
    IReadOnlyList<string> AdHocMetrics => [];

    /// <summary>Checks a row beyond column types (list lengths, value ranges); returns its problems.</summary>
    IEnumerable<string> CheckRow(DatasetRow row) => [];

    SuiteItem ToItem(DatasetRow row, SuiteContext context);

    /// <summary>Judges an item from its requests' scores, given in the order of <see cref="SuiteItem.Requests"/>.</summary>
    ItemOutcome Judge(SuiteItem item, IReadOnlyList<float> scores, JudgingOptions options);
}

/// <summary>How ties are counted (DESIGN.md section 5).</summary>
public enum TiePolicy
{
    /// <summary>A tie counts 0, as in RewardBench.</summary>
    Strict,
    /// <summary>A tie counts 0.5.</summary>
    Half,
}

public sealed record JudgingOptions(TiePolicy Ties = TiePolicy.Strict);

/// <summary>What a kind may need from the suite when building items.</summary>
public sealed record SuiteContext(string SuiteName, SuiteManifest Manifest)
{
    private readonly Lazy<PromptRenderer> _prompts = new(() => PromptRenderer.For(Manifest));

    /// <summary>The suite's prompt template and document budget, parsed once (on first use) for all its rows.</summary>
    public PromptRenderer Prompts => _prompts.Value;
}
