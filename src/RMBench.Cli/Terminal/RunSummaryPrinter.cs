using System.Globalization;
using RMBench.Core.Results;
using RMBench.Core.Running;

namespace RMBench.Cli.Terminal;

/// <summary>The few lines printed after a run: headline per suite with its interval, and where the files are.</summary>
public static class RunSummaryPrinter
{
    public static async Task PrintAsync(TextWriter writer, RunOutput output)
    {
        var result = output.Result;
        await writer.WriteLineAsync($"model {result.Model.Id} ({result.Model.Backend}): {result.Status}" +
                                    (output.Resumed ? " (resumed from journal)" : ""));
        if (result.StatusNote is { } note) await writer.WriteLineAsync($"  {note}");
        if (result.Sample is { } sample) await writer.WriteLineAsync($"  SUBSAMPLE {sample.Describe()}: at most {sample.Limit} items per suite, for a smoke run; not comparable with a full run");
        foreach (var suite in result.Suites)
        {
            var headline = suite.Metrics.FirstOrDefault(m => m.Key == suite.Headline);
            if (suite.Status == SuiteStatus.Unsupported)
            {
                await writer.WriteLineAsync($"  {suite.Name,-14} unsupported by this model: {suite.StatusNote}");
                continue;
            }
            var text = headline is null
                ? "no scored items"
                : string.Create(CultureInfo.InvariantCulture, $"{suite.Headline} {headline.Value:0.0000} [95% CI {headline.CiLow:0.0000}, {headline.CiHigh:0.0000}]");
            await writer.WriteLineAsync($"  {suite.Name,-14} {text}  ({suite.Counts.Items} items, {suite.Counts.Ties} ties, {suite.Counts.Invalid} invalid" +
                                        (suite.Counts.Unsupported > 0 ? $", {suite.Counts.Unsupported} unsupported" : "") + ")");
        }
        var counts = result.Counts;
        foreach (var (name, value) in result.ModelCounters ?? new Dictionary<string, long>())
            if (value > 0) await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  model reports {name}: {value}"));
        await writer.WriteLineAsync($"  requests: {counts.UniqueRequests} unique of {counts.Requests}; model calls {counts.ModelCalls}, cache {counts.FromCache}, journal {counts.FromJournal}");
        if (result.Throughput is { } t)
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  throughput: {t.RequestsPerSecond:0.0} requests/s{(t.TokensPerSecond is { } tps ? $", {tps:0} tokens/s" : "")}{(t.PaddingEfficiency is { } e ? $", padding efficiency {e:0.000}" : "")} ({result.Provenance.ExecutionProvider})"));
        if (output.Reused)
            await writer.WriteLineAsync($"  every score came from the cache and the results equal the finished run {Path.Combine(output.Directory, "run.json")}: kept it, no new run folder (--fresh writes one)");
        else
            await writer.WriteLineAsync($"  wrote {Path.Combine(output.Directory, "run.json")}, scores.parquet, outcomes.parquet, summary.md");
    }
}
