using System.Globalization;

namespace RMBench.Onnx;

/// <summary>Physical cores this process may use: its processor count (affinity and cgroup quota applied) over the hardware threads per core.</summary>
public static class CpuCores
{
    public static int Physical() => Math.Max(1, Environment.ProcessorCount / ThreadsPerCore());

    /// <summary>Hardware threads of cpu0's core, from Linux's topology; 1 where it cannot be read.</summary>
    private static int ThreadsPerCore()
    {
        try
        {
            var siblings = File.ReadAllText("/sys/devices/system/cpu/cpu0/topology/thread_siblings_list").Trim();
            return Math.Max(1, CountList(siblings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return 1; }
    }

    /// <summary>Counts a Linux CPU list such as "0", "0,16" or "0-1".</summary>
    internal static int CountList(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Sum(part =>
    {
        var range = part.Split('-');
        return range.Length == 1 ? 1 : int.Parse(range[1], CultureInfo.InvariantCulture) - int.Parse(range[0], CultureInfo.InvariantCulture) + 1;
    });
}
