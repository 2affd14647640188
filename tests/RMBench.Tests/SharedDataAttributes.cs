namespace RMBench.Tests;

/// <summary>
/// A fact that reads the public upstream files in ../shared/data (beside the repository, as CI has it). Without
/// them (a clone on its own) it is skipped with a "data missing" reason instead of failing: xunit 2 reads Skip
/// when it discovers the test, so the check is made here, in the attribute's constructor.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <param name="folder">The folder of ../shared/data the test reads, e.g. "llmbar"; empty for the whole folder.</param>
    public SharedDataFactAttribute(string folder = "")
    {
        if (SharedData.MissingReason(folder) is { } reason) Skip = reason;
    }
}

/// <summary>The theory counterpart of <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string folder = "")
    {
        if (SharedData.MissingReason(folder) is { } reason) Skip = reason;
    }
}

public static class SharedData
{
    /// <summary>Null when ../shared/data (or its <paramref name="folder"/>) is there; else why the test is skipped.</summary>
    public static string? MissingReason(string folder = "")
    {
        var path = folder == "" ? TestPaths.SharedData : TestPaths.Shared(folder);
        return Directory.Exists(path)
            ? null
            : $"data missing: {path} not found (the upstream benchmark files live in ../shared/data beside the repository; see its README)";
    }
}
