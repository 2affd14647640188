namespace RMBench.Core.Data;

/// <summary>
/// Keeps a streamed run's working set at about one row group. A row group's rows and items live while it is
/// processed (many young collections), so the collector promotes them to its oldest generation, where it
/// lets them pile up until a budget that grows with everything the run holds; a million-pair suite then
/// peaked at twice the memory of a ten-thousand-pair one. One blocking collection between row groups frees
/// the one just used before the next is decoded (a 300k-pair `length` run took 33 s with it and 31-38 s
/// without: within the noise; any real model spends far longer per row group).
/// </summary>
internal static class StreamedGroups
{
    /// <summary>
    /// Called by <see cref="DatasetFile.ReadRowGroupsAsync"/> when its reader is done with a row group and
    /// another follows (files of one row group never pay it).
    /// </summary>
    public static void BetweenGroups() => GC.Collect();

    /// <summary>
    /// Call when a suite that streamed more than one chunk is done, before its metrics: frees its last chunk
    /// before the bootstrap allocates its arrays.
    /// </summary>
    public static void AfterStream() => GC.Collect();
}
