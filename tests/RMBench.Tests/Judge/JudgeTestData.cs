using System.Text.Json;
using RMBench.Core.Data;

namespace RMBench.Tests.Judge;

/// <summary>Datasets and run helpers for the judge tests: chosen answers contain "GOOD", rejected ones "BAD".</summary>
public static class JudgeTestData
{
    public static IReadOnlyList<CanonicalRow> Pairs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CanonicalRow
        {
            Id = $"pair-{i:D3}",
            Subset = i % 2 == 0 ? "even" : "odd",
            Prompt = $"Question {i}?",
            Chosen = [$"GOOD answer {i}"],
            Rejected = [$"BAD answer {i}"],
        })];

    public static async Task<string> WritePairsAsync(string dir, int count)
    {
        var path = Path.Combine(dir, "pairs.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", Pairs(count));
        return path;
    }

    /// <summary>A judge that reads the replies: the one with GOOD wins; label texts by position.</summary>
    public static JudgeAnswer Fair(JudgeCall call, string aWins = "[[A]]", string bWins = "[[B]]") =>
        new(call.ReplyA!.Contains("GOOD") ? $"A is correct. {aWins}" : $"B is correct. {bWins}");

    public static string[] RunArgs(string dir, string data, string spec, params string[] more) =>
        ["run", "--model", spec, "--suite", data, "--out", Path.Combine(dir, "out"), "--no-cache", "--bootstrap", "50", .. more];

    public static JsonDocument RunJson(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Directory.EnumerateFiles(Path.Combine(dir, "out"), "run.json", SearchOption.AllDirectories).Single()));

    public static double Metric(JsonDocument run, string key) =>
        run.RootElement.GetProperty("suites")[0].GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == key).GetProperty("value").GetDouble();

    public static bool HasMetric(JsonDocument run, string key) =>
        run.RootElement.GetProperty("suites")[0].GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("key").GetString() == key);
}
