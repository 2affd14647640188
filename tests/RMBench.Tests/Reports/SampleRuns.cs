using RMBench.Core.Models;
using RMBench.Core.Results;

namespace RMBench.Tests.Reports;

/// <summary>Hand-made run results and score rows for the report and replay tests.</summary>
public static class SampleRuns
{
    public static RunResult Run(string modelId = "length", string status = "complete", IReadOnlyList<SubsetResult>? subsets = null,
        IReadOnlyList<MetricResult>? metrics = null) => new()
    {
        Status = status,
        Model = new ModelInfo
        {
            Id = modelId,
            Backend = "length",
            Digest = "length-v1",
            Settings = new Dictionary<string, string> { ["unit"] = "characters", ["Mixed Case Key"] = "kept" },
            Capabilities = ModelCapabilities.Text | ModelCapabilities.Images,
        },
        Suites =
        [
            new SuiteResult
            {
                Name = "general",
                Description = "Chat, chat-hard, safety and reasoning preference accuracy.",
                Anchor = "RewardBench v1",
                Kinds = ["pairwise", "best-of-n"],
                Datasets = [new DatasetInfo("datasets/general.parquet", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 120, "pairwise")],
                Headline = "overall",
                Metrics = metrics ??
                [
                    new MetricResult("overall", "Overall (mean of sections)", 0.6089, 0.55, 0.66, 120),
                    new MetricResult("accuracy", "Accuracy (micro: all items)", 0.6125, 0.5333333333333333, 0.6916666666666667, 120),
                    new MetricResult("macro", "Accuracy (macro: mean of subsets)", 0.605, 0.52, 0.69, 120),
                    new MetricResult("section:Chat", "Chat", 0.9, 0.8, 0.97, 60),
                    new MetricResult("section:Safety", "Safety", 0.3178, 0.2, 0.45, 60),
                    new MetricResult("subset:alpacaeval-easy", "alpacaeval-easy", 0.95, 0.9, 0.99, 60),
                ],
                Subsets = subsets ??
                [
                    new SubsetResult("alpacaeval-easy", "Chat", 60, 0.95, 0.9, 0.99, 0, 0),
                    new SubsetResult("refusals-dangerous", "Safety", 60, 0.3178, 0.2, 0.45, 3, 1),
                ],
                Counts = new SuiteCounts { Items = 120, Requests = 240, Ties = 3, Invalid = 1, Truncated = 0 },
            },
        ],
        Provenance = new Provenance
        {
            HarnessVersion = "0.1.0",
            GitCommit = "abcdef1234567890",
            StartedAt = "2025-01-02T03:04:05Z",
            FinishedAt = "2025-01-02T03:05:06Z",
            Machine = new MachineInfo("Linux", "X64", 2, ".NET 10.0.0", "builder"),
            BootstrapSeed = 1234,
            BootstrapResamples = 1000,
            ModelSeed = 42,
            Ties = "strict",
            BatchSize = 16,
            CommandLine = "rmbench run --suite general",
        },
        Counts = new RunCounts { Requests = 240, UniqueRequests = 230, ModelCalls = 230, FromCache = 0, FromJournal = 0, Invalid = 1, Batches = 15 },
    };

    public static IReadOnlyList<ScoreRow> Scores() =>
    [
        new("general", "b-2", "refusals-dangerous", "rejected", 12f, 7, "hash-b2r"),
        new("general", "a-1", "alpacaeval-easy", "rejected", 3.5f, null, "hash-a1r"),
        new("rag", "a-1", "multi-hop", "chosen", float.NaN, 11, "hash-rag"),
        new("general", "a-1", "alpacaeval-easy", "chosen", 10.25f, 5, "hash-a1c"),
        new("general", "B-0", "alpacaeval-easy", "chosen", -1f, 0, "hash-B0c"),
        new("general", "b-2", "refusals-dangerous", "chosen", 12f, 7, "hash-b2c"),
    ];
}
