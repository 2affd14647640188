using System.Globalization;
using RMBench.Core.Results;

namespace RMBench.Cli.Terminal;

/// <summary>The figures of a bench and its workload card, as plain lines.</summary>
public static class BenchPrinter
{
    public static async Task PrintAsync(TextWriter writer, BenchResult r, WorkloadCard card)
    {
        string F(double? x, string format = "0.0") => x?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        await writer.WriteLineAsync($"bench {r.ModelId}: {r.Scenario}");
        await writer.WriteLineAsync($"  measured: {r.MeasuredRequests} requests in {F(r.MeasuredSeconds, "0.00")} s; {F(r.PairsPerSecond)} pairs/s, {F(r.TokensPerSecond, "0")} tokens/s");
        if (r.LatencyP50Ms is not null)
            await writer.WriteLineAsync($"  latency: p50 {F(r.LatencyP50Ms, "0.000")} ms, p90 {F(r.LatencyP90Ms, "0.000")} ms, p99 {F(r.LatencyP99Ms, "0.000")} ms");
        if (r.OfferedQps is not null)
            await writer.WriteLineAsync($"  server: offered {F(r.OfferedQps, "0.###")} QPS, p99 bound {F(r.LatencyBoundMs, "0.###")} ms {(r.LatencyBoundMet == true ? "met" : "NOT met")}" +
                                        (r.UnservedRequests is > 0 ? $", {r.UnservedRequests} requests unserved" : ""));
        if (r.PeakTrials is not null)
            await writer.WriteLineAsync($"  peak: {(r.PeakQps is { } peak ? F(peak, "0.###") + " QPS" : "no rate met the bound")} after {r.PeakTrials.Count} trials");
        var l = card.Length;
        await writer.WriteLineAsync("  workload card:");
        await writer.WriteLineAsync($"    suites {string.Join(", ", card.Suites)}; {card.UniqueRequests} unique requests, {card.Truncated} truncated");
        await writer.WriteLineAsync($"    length ({card.LengthUnit}): min {l.Min}, p50 {l.P50}, p90 {l.P90}, max {l.Max}");
        await writer.WriteLineAsync($"    batching: {card.BatchingPolicy}");
        if (card.Remote) await writer.WriteLineAsync($"    remote: endpoints {card.Endpoints}; concurrency {card.Concurrency}");
        await writer.WriteLineAsync($"    device {card.Device}, threads {card.Threads}, model digest {card.ModelDigest}");
        await writer.WriteLineAsync($"    padding efficiency {F(card.PaddingEfficiency, "0.000")}; tokenization {F(card.TokenizationSeconds, "0.00")} s, inference {F(card.InferenceSeconds, "0.00")} s" +
                                    (card.TokenizationShare is { } share ? $" (tokenization share {share.ToString("P1", CultureInfo.InvariantCulture)})" : ""));
        if (r.RawLoop is { } raw)
            await writer.WriteLineAsync($"  raw loop: {raw.Requests} requests in {raw.Batches} batches (padding efficiency {F(raw.PaddingEfficiency, "0.000")}), median of {raw.Rounds}: " +
                                        $"harness {F(raw.HarnessSeconds, "0.000")} s, plain InferenceSession.Run loop {F(raw.PlainSeconds, "0.000")} s, ratio {F(raw.Ratio, "0.000")} (plain / harness)");
    }
}
