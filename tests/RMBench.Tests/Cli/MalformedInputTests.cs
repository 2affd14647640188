using RMBench.Core.Data;
using RMBench.Tests.Data;

namespace RMBench.Tests.Cli;

/// <summary>
/// The corpus of bad inputs a user can hand the CLI. Each must exit with code 3 and one clear message
/// naming the file (or option) and, where there is one, the row and column; never a stack trace.
/// </summary>
public class MalformedInputTests
{
    public static TheoryData<string> Cases => new(CaseBuilders.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_input_exits_with_code_3_and_names_where_the_problem_is(string name)
    {
        var dir = TestPaths.NewTempDirectory("rmbench-bad");
        var (args, expected) = await CaseBuilders[name](dir);

        var result = await Cli.RunAsync([.. args, .. args[0] == "run" ? new[] { "--out", Path.Combine(dir, "out"), "--bootstrap", "10" } : []]);

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.All}");
        foreach (var fragment in expected) Assert.Contains(fragment, result.Err);
        Assert.DoesNotContain("   at ", result.All); // no stack trace
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "runs")), "no model was run");
    }

    private static readonly Dictionary<string, Func<string, Task<(string[] Args, string[] Expected)>>> CaseBuilders = new()
    {
        ["missing-column"] = async dir =>
        {
            var file = Path.Combine(dir, "missing.parquet");
            await TestParquet.WriteAsync(file, TestParquet.Strings("id", "a"), TestParquet.Strings("subset", "s"),
                TestParquet.Strings("prompt", "p"), TestParquet.Strings("chosen", "c"));
            return (Run(file), ["missing.parquet", "'rejected'"]);
        },
        ["wrong-column-type"] = async dir =>
        {
            var file = Path.Combine(dir, "wrongtype.parquet");
            await TestParquet.WriteAsync(file, TestParquet.Strings("id", "a"), TestParquet.Strings("subset", "s"),
                TestParquet.Longs("prompt", 7), TestParquet.Strings("chosen", "c"), TestParquet.Strings("rejected", "r"));
            return (Run(file), ["wrongtype.parquet", "'prompt'"]);
        },
        ["null-in-required-column"] = async dir =>
        {
            var file = Path.Combine(dir, "null.parquet");
            await TestParquet.WriteAsync(file, TestParquet.Strings("id", "a", "b"), TestParquet.Strings("subset", "s", "s"),
                TestParquet.Strings("prompt", "p", "q"), TestParquet.Strings("chosen", "c", null), TestParquet.Strings("rejected", "r", "r"));
            return (Run(file), ["null.parquet", "row 1", "'chosen'"]);
        },
        ["duplicate-id"] = async dir =>
        {
            var file = Path.Combine(dir, "dup.parquet");
            await TestParquet.WriteAsync(file, TestParquet.Strings("id", "a", "b", "a"), TestParquet.Strings("subset", "s", "s", "s"),
                TestParquet.Strings("prompt", "p", "q", "r"), TestParquet.Strings("chosen", "c", "c", "c"), TestParquet.Strings("rejected", "r", "r", "r"));
            return (Run(file), ["dup.parquet", "row 2", "'id'"]);
        },
        ["empty-list"] = async dir =>
        {
            var file = Path.Combine(dir, "emptylist.parquet");
            await TestParquet.WriteAsync(file, TestParquet.Strings("id", "a", "b"), TestParquet.Strings("subset", "s", "s"),
                TestParquet.Strings("prompt", "p", "q"), TestParquet.StringLists("chosen", ["c"], ["c"]), TestParquet.StringLists("rejected", ["r"], []));
            return (Run(file), ["emptylist.parquet", "row 1", "'rejected'"]);
        },
        ["zero-rows"] = async dir =>
        {
            var file = Path.Combine(dir, "empty.parquet");
            await TestParquet.WriteEmptyAsync(file, new Parquet.Schema.DataField<string>("id"), new Parquet.Schema.DataField<string>("subset"),
                new Parquet.Schema.DataField<string>("prompt"), new Parquet.Schema.DataField<string>("chosen"), new Parquet.Schema.DataField<string>("rejected"));
            return (Run(file), ["empty.parquet", "rows"]);
        },
        ["not-parquet"] = async dir =>
        {
            var file = Path.Combine(dir, "text.parquet");
            await File.WriteAllTextAsync(file, "id,subset,prompt\n1,a,b\n");
            return (Run(file), ["text.parquet", "Parquet"]);
        },
        ["truncated-parquet"] = async dir =>
        {
            var good = Path.Combine(dir, "good.parquet");
            await ParquetDatasetWriter.WriteAsync(good, "pairwise", Datasets.Pairs(20));
            var bytes = await File.ReadAllBytesAsync(good);
            var file = Path.Combine(dir, "cut.parquet");
            await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)]);
            return (Run(file), ["cut.parquet"]);
        },
        ["non-existent-path"] = dir => Task.FromResult<(string[], string[])>((Run(Path.Combine(dir, "nowhere.parquet")), ["nowhere.parquet", "does not exist"])),
        ["unknown-suite-name"] = async dir =>
        {
            var suites = await SuitesFolderAsync(dir, """{ "name": "general", "datasets": [{ "path": "data.parquet", "kind": "pairwise" }] }""");
            return (["run", "--suite", "generl", "--suites-dir", suites, "--model", "length"], ["--suite", "unknown suite 'generl'", "Did you mean 'general'?"]);
        },
        ["unknown-model-name"] = async dir =>
        {
            var file = Path.Combine(dir, "ok.parquet");
            await ParquetDatasetWriter.WriteAsync(file, "pairwise", Datasets.Pairs(4));
            return (["run", "--suite", file, "--model", "lenght"], ["--model", "'lenght'", "Did you mean 'length'?"]);
        },
        ["suite-json-syntax-error"] = async dir =>
        {
            var suites = await SuitesFolderAsync(dir, "{ \"name\": \"broken\",\n  \"datasets\": [ }");
            return (["run", "--suites-dir", suites, "--model", "length"], ["suite.json", "line 2"]);
        },
        ["suite-json-unknown-field"] = async dir =>
        {
            var suites = await SuitesFolderAsync(dir, """{ "name": "typo", "datasets": [{ "path": "data.parquet", "kind": "pairwise" }], "sectoins": {} }""");
            return (["run", "--suites-dir", suites, "--model", "length"], ["suite.json", "sectoins"]);
        },
        ["unknown-kind-in-suite-json"] = async dir =>
        {
            var suites = await SuitesFolderAsync(dir, """{ "name": "k", "datasets": [{ "path": "data.parquet", "kind": "pairwize" }] }""");
            return (["run", "--suites-dir", suites, "--model", "length"], ["suite.json", "'pairwize'", "Did you mean 'pairwise'?"]);
        },
        ["invalid-option-value"] = dir => Task.FromResult<(string[], string[])>((["run", "--ties", "third"], ["third"])),
        ["non-positive-batch-size"] = async dir =>
        {
            var file = Path.Combine(dir, "ok.parquet");
            await ParquetDatasetWriter.WriteAsync(file, "pairwise", Datasets.Pairs(4));
            return (["run", "--suite", file, "--model", "length", "--batch-size", "0"], ["--batch-size", "positive"]);
        },
        ["import-malformed-upstream"] = async dir =>
        {
            var file = Path.Combine(dir, "llmbar.json");
            await File.WriteAllTextAsync(file, """[{"input": "q", "output_1": "a", "output_2": "b", "label": 3}]""");
            return (["import", "--format", "llmbar", file, "-o", Path.Combine(dir, "out.parquet")], ["llmbar.json", "'label'"]);
        },
        ["import-unknown-format"] = dir => Task.FromResult<(string[], string[])>((["import", "--format", "llmbr", "x.json", "-o", Path.Combine(dir, "o.parquet")], ["'llmbr'", "Did you mean 'llmbar'?"])),
    };

    private static string[] Run(string file) => ["run", "--suite", file, "--model", "length"];

    /// <summary>A suites folder with one suite whose manifest has the given text and a valid dataset beside it.</summary>
    private static async Task<string> SuitesFolderAsync(string dir, string manifest)
    {
        var suite = Path.Combine(dir, "suites", "one");
        Directory.CreateDirectory(suite);
        await File.WriteAllTextAsync(Path.Combine(suite, "suite.json"), manifest);
        await ParquetDatasetWriter.WriteAsync(Path.Combine(suite, "data.parquet"), "pairwise", Datasets.Pairs(4));
        return Path.Combine(dir, "suites");
    }
}
