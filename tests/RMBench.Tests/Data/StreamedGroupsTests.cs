using RMBench.Core.Data;

namespace RMBench.Tests.Data;

public class StreamedGroupsTests
{
    [Fact]
    public void A_pass_that_allocated_more_than_the_young_budget_gets_a_young_collection()
    {
        StreamedGroups.CollectYoungIfDue(); // start the budget from here
        var before = GC.CollectionCount(0);
        for (var i = 0; i < 2 * StreamedGroups.YoungBudget / 1024; i++) GC.KeepAlive(new byte[1000]); // young garbage
        StreamedGroups.CollectYoungIfDue();
        Assert.True(GC.CollectionCount(0) > before);
    }
}
