namespace RMBench.Reports.Leaderboard;

// The page as plain data for the templates. Every string here is raw text (model names, subsets, prompts...):
// HtmlTemplateContext encodes it on output. Numbers are already formatted (invariant culture) by the builder.

public sealed record LeaderboardPage
{
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<Notice> Notices { get; init; }
    public required IReadOnlyList<SuiteColumn> Suites { get; init; }
    public required IReadOnlyList<ModelRow> Rows { get; init; }
    public required bool ShowMean { get; init; }
    /// <summary>Second line of the mean column's heading, e.g. "of suites" or "of 5 common suites".</summary>
    public string MeanLabel { get; init; } = "of suites";
    public required bool ShowThroughput { get; init; }
    public required IReadOnlyList<SectionTable> SectionTables { get; init; }
    public required IReadOnlyList<SuiteDetail> SuiteDetails { get; init; }
    public required IReadOnlyList<ModelDetail> Models { get; init; }
    public required IReadOnlyList<BenchRow> Bench { get; init; }
    public required string Footer { get; init; }
    /// <summary>The short reasons shown in empty cells of the main table, explained.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; init; } = [];
    /// <summary>The collapsed notes' summary line, e.g. "3 notes about these runs (1 warning)"; "" without notes.</summary>
    public string NoticeSummary { get; init; } = "";
}

/// <param name="Level">"warn" or "info".</param>
public sealed record Notice(string Level, string Text);

/// <param name="Key">Stable id for anchors and sorting ("s0", "s1", ...).</param>
/// <param name="VersionFlag">Set when runs of this suite used different dataset sha256s.</param>
public sealed record SuiteColumn(string Key, string Name, string Metric, string Anchor, string Description, string? VersionFlag);

/// <summary>A number with its 95% interval. <see cref="Sort"/> is "" for a missing value (sorted last).</summary>
/// <param name="Bar">Interval bar geometry in percent of the track; null without an interval.</param>
/// <param name="Tag">A short marker shown under the value, e.g. the dataset version "data B".</param>
/// <param name="Reason">For a missing value: the short reason shown under the dash ("unsupported", "not run"); the legend explains it.</param>
public sealed record Cell(string Text, string Ci, string Sort, Bar? Bar, string? Tag, string Title, string Reason = "")
{
    /// <param name="reason">Short visible reason (one or two words); <paramref name="title"/> is the full one.</param>
    public static Cell Missing(string title, string reason = "") => new("—", "", "", null, null, title, reason);
}

/// <summary>What a short reason under a dash in the leaderboard means (shown below the table).</summary>
public sealed record LegendEntry(string Reason, string Text);

public sealed record Bar(string Left, string Width, string Point);

/// <param name="Anchor">Id of the model's detail card ("m0", ...).</param>
public sealed record ModelRow(
    string Anchor, string Name, string ShortName, bool Baseline, bool Partial, string Backend, string Digest,
    IReadOnlyList<Cell> Cells, Cell Mean, Throughput? Throughput);

public sealed record Throughput(Cell PairsPerSecond, Cell P99, string Scenario, string Device);

/// <summary>RewardBench-style section view of one suite: models x sections (plus the overall score).</summary>
public sealed record SectionTable(string Key, string Suite, IReadOnlyList<string> Columns, IReadOnlyList<SectionRow> Rows);

public sealed record SectionRow(string Anchor, string Name, string ShortName, bool Baseline, IReadOnlyList<Cell> Cells);

public sealed record SuiteDetail(
    string Key, string Name, string Description, string Anchor, IReadOnlyList<string> Kinds, IReadOnlyList<ModelHeader> Models,
    IReadOnlyList<MetricRow> Metrics, IReadOnlyList<SubsetDetail> Subsets, string? VersionFlag)
{
    /// <summary>The best-of-n gold curves of a bon-curve suite; null for other suites.</summary>
    public BonChart? BonChart { get; init; }
}

public sealed record ModelHeader(string Anchor, string Name, string ShortName, bool Baseline);

public sealed record MetricRow(string Label, string Key, IReadOnlyList<Cell> Cells);

/// <param name="Heat">Per model (in <see cref="SuiteDetail.Models"/> order): accuracy cell and a heat level 0-4 for its colour.</param>
public sealed record SubsetDetail(string Key, string Name, string Section, string Items, IReadOnlyList<HeatCell> Heat, IReadOnlyList<SubsetModel> Models);

public sealed record HeatCell(Cell Cell, int Level);

public sealed record SubsetModel(string Anchor, string Name, string ShortName, bool Baseline, Cell Accuracy, string Items, string Ties, string Invalid,
    IReadOnlyList<Miss> Misses, string? MissNote);

/// <summary>An item the model got wrong: the rejected answer scored at least as high as the chosen one.</summary>
public sealed record Miss(string Id, string Prompt, string Chosen, string Rejected, string ChosenScore, string RejectedScore, bool Tie)
{
    /// <summary>A generative judge's verdict and text per order (<see cref="JudgeMisses"/>); empty for other models.</summary>
    public IReadOnlyList<JudgeText> Judgments { get; init; } = [];
}

public sealed record ModelDetail(string Anchor, string Name, bool Baseline, bool Partial, string Backend, string Digest,
    IReadOnlyList<RunProvenance> Runs, Chart? Chart, string ChartNote);

public sealed record RunProvenance(
    string File, string Status, string Suites, string Harness, string GitCommit, string Machine, string ExecutionProvider,
    string Started, string Finished, string Seeds, string Ties, string CommandLine,
    IReadOnlyList<DatasetLine> Datasets, IReadOnlyList<Setting> Settings);

public sealed record DatasetLine(string Suite, string Path, string Sha256, string Rows, string Kind);

public sealed record Setting(string Key, string Value);

/// <summary>Score against response length for one model (x: log scale of characters).</summary>
public sealed record Chart(
    int Index, IReadOnlyList<ChartPoint> Points, IReadOnlyList<Tick> LengthTicks, IReadOnlyList<Tick> ScoreTicks, string Trend,
    string Rho, string Caption);

/// <param name="Role">"chosen" or "rejected" (CSS class).</param>
public sealed record ChartPoint(string X, string Y, string Role, int I);

public sealed record Tick(string Position, string Label);

/// <param name="Setup">What tells this measurement apart from the model's others: batch size, concurrency, duration, device (and time when all agree).</param>
/// <param name="PairsNote">What the pairs/s figure is for this scenario (server: the rate served at the offered load, not a capacity).</param>
public sealed record BenchRow(string Name, string Anchor, string Scenario, string Device, string PairsPerSecond, string TokensPerSecond,
    string P50, string P90, string P99, string PeakQps, string Note)
{
    public string Setup { get; init; } = "";
    public string PairsNote { get; init; } = "";
}
