using System.Diagnostics;

namespace RMBench.Core.Running;

/// <summary>
/// Wall time during which at least one piece of work is in flight (thread-safe): overlapping work counts once,
/// so concurrent batches report the seconds they took, not the sum of their durations.
/// </summary>
public sealed class BusyClock
{
    private readonly Stopwatch _clock = new();
    private int _inFlight;

    public void Start()
    {
        lock (_clock)
            if (_inFlight++ == 0) _clock.Start();
    }

    public void Stop()
    {
        lock (_clock)
            if (--_inFlight == 0) _clock.Stop();
    }

    /// <summary>Runs synchronous work with the clock started for its duration.</summary>
    public T Time<T>(Func<T> work)
    {
        Start();
        try { return work(); }
        finally { Stop(); }
    }

    public TimeSpan Elapsed
    {
        get { lock (_clock) return _clock.Elapsed; }
    }
}
