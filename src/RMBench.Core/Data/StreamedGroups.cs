namespace RMBench.Core.Data;

/// <summary>
/// Keeps a streamed pass's working set at about one row group. Two collector habits would otherwise make
/// memory grow with the dataset:
/// <list type="bullet">
/// <item>A row group's rows live while it is processed (many young collections), so the collector promotes
/// them to its oldest generation and lets them pile up there. So the streaming reader empties the group its
/// caller is done with and collects fully before decoding the next (<see cref="BeforeNextGroup"/>): one group
/// is alive at a time. (Collecting while the caller still held the previous group, in the caller or in the
/// reader without emptying the group, kept two alive and peaked 10-20% higher.)</item>
/// <item>The collector sizes its young generation from the CPU's largest cache; virtual machines report caches
/// of hundreds of MB (260 MB on the machine this was measured on), so some 130 MB of garbage piled up before
/// each young collection, on top of the group. <see cref="CollectYoungIfDue"/>, called where a pass has just
/// dropped its transient data (after a decoded column, between chunks), collects the young generation once
/// <see cref="YoungBudget"/> bytes were allocated without the collector doing so; on a machine whose collector
/// already collects that often it does nothing.</item>
/// </list>
/// Measured on a 300k-pair `length` run: the collections cost no time beyond the noise (any real model spends
/// far longer per row group). Files of one row group and small passes never pay a full collection.
/// </summary>
internal static class StreamedGroups
{
    /// <summary>Bytes a streamed pass may allocate before it collects the young generation itself.</summary>
    public const long YoungBudget = 4L << 20;

    private static readonly Lock Gate = new();
    private static long _allocatedAtYoung;
    private static int _youngCollections = -1;

    /// <summary>Call in a streaming reader before decoding each row group after the first, once the previous one is released.</summary>
    public static void BeforeNextGroup() => GC.Collect();

    /// <summary>
    /// Call where a streamed pass has just dropped transient data: collects the young generation when more than
    /// <see cref="YoungBudget"/> bytes were allocated (by the process) since the last young collection seen here.
    /// </summary>
    public static void CollectYoungIfDue()
    {
        lock (Gate)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var collections = GC.CollectionCount(0);
            if (collections == _youngCollections && allocated - _allocatedAtYoung < YoungBudget) return;
            if (collections == _youngCollections)
            {
                GC.Collect(0);
                collections = GC.CollectionCount(0);
            }
            // Either this collected, or the collector did since the last call: count the budget from now.
            (_youngCollections, _allocatedAtYoung) = (collections, allocated);
        }
    }

    /// <summary>
    /// Call when suites of <paramref name="items"/> items in all have been validated, before the run reads them
    /// again: frees the load's tables (ids, request keys) before the run allocates its own.
    /// </summary>
    public static void AfterLoad(int items)
    {
        if (items > Suites.SuiteItems.ChunkItems) GC.Collect();
    }

    /// <summary>
    /// Call when a suite of <paramref name="items"/> items has been streamed, before its metrics: frees its last
    /// chunk and gives the memory the stream used back to the system, so that the bootstrap's arrays (large
    /// objects, which the freed small-object memory cannot hold) do not come on top of it: a 1M-pair run
    /// peaked in its metrics, some 15 MB above its streaming peak, before. A suite that fits in one chunk never pays it.
    /// </summary>
    public static void AfterSuite(int items)
    {
        if (items > Suites.SuiteItems.ChunkItems) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
