namespace RMBench.Tests.Leaderboard;

/// <summary>Leaderboard tests share one set of real runs (made once) and one headless Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class LeaderboardCollection : ICollectionFixture<LeaderboardRuns>, ICollectionFixture<Browser>
{
    public const string Name = "leaderboard";
}
