using RMBench.Core.Errors;
using RMBench.Core.Import;

namespace RMBench.Tests.Import;

/// <summary>Small helpers for importer tests: write a fixture file, import, and check an invalid-input error.</summary>
internal static class ImportTestFiles
{
    /// <summary>Writes <paramref name="content"/> to a new file named <paramref name="name"/> in a fresh temp folder.</summary>
    public static string Write(string name, string content)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("rmbench-import"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public static Task<ImportResult> ImportAsync(this IImporter importer, string path) =>
        importer.ImportAsync(path, CancellationToken.None);

    /// <summary>Asserts that importing fails with invalid input whose message names every fragment (file, record, field).</summary>
    public static async Task<InputException> AssertInvalidAsync(IImporter importer, string path, params string[] fragments)
    {
        var error = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(path));
        Assert.Contains(path, error.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
        return error;
    }
}
