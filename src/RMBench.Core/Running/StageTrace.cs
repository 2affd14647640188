using System.Diagnostics;
using System.Globalization;

namespace RMBench.Core.Running;

/// <summary>
/// With RMBENCH_TRACE_STAGES=1, writes one stderr line per stage of a run, in seconds since the process started
/// (runtime start included), so that where a run's time goes outside the model calls can be profiled on any machine
/// without a tracer. Off by default; costs one environment read.
/// </summary>
public static class StageTrace
{
    public const string Variable = "RMBENCH_TRACE_STAGES";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) is "1" or "true";
    private static readonly DateTime ProcessStart = Enabled ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string stage)
    {
        if (!Enabled) return;
        var seconds = (DateTime.UtcNow - ProcessStart).TotalSeconds;
        Console.Error.WriteLine($"stage {seconds.ToString("F3", CultureInfo.InvariantCulture)} s {stage}");
    }
}
