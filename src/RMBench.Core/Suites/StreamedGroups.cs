namespace RMBench.Core.Suites;

/// <summary>
/// Keeps a streamed run's working set at about one row group. A row group's rows and items live while it is
/// processed (many young collections), so the collector promotes them to its oldest generation, where it
/// lets them pile up until a budget that grows with everything the run holds; a million-pair suite then
/// peaked at twice the memory of a ten-thousand-pair one. One blocking collection before each further row
/// group frees the previous one at once (a 300k-pair `length` run took 33 s with it and 31-38 s without:
/// within the noise; any real model spends far longer per row group). Files of one row group never pay it.
/// The consumer of <see cref="Data.DatasetFile.ReadRowGroupsAsync"/> calls it once it holds the next group:
/// only then is the previous one unreachable (a collection inside the reader, before it returns the next
/// group, runs while the caller still holds the previous one and promotes it; measured: 1M pairs 405 MB
/// against 360-383 MB).
/// </summary>
internal static class StreamedGroups
{
    /// <summary>Call before reading row group <paramref name="index"/> (0-based) of a streamed file.</summary>
    public static void BeforeGroup(int index)
    {
        if (index > 0) GC.Collect();
    }

    /// <summary>
    /// Call when a suite of <paramref name="items"/> items has been streamed, before its metrics: frees its last
    /// chunk before the bootstrap allocates its arrays. A suite that fits in one chunk never pays it.
    /// </summary>
    public static void AfterSuite(int items)
    {
        if (items > SuiteItems.ChunkItems) GC.Collect();
    }
}
