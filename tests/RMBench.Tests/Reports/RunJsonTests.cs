using RMBench.Core.Errors;
using RMBench.Core.Models;
using RMBench.Core.Results;

namespace RMBench.Tests.Reports;

public class RunJsonTests
{
    [Fact]
    public async Task Run_json_round_trips()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "run.json");
        var run = SampleRuns.Run();
        await RunJson.WriteAsync(path, run);

        var loaded = RunJson.Load(path);

        Assert.Equal(RunJson.Serialize(run), RunJson.Serialize(loaded));
        Assert.Equal(File.ReadAllText(path), RunJson.Serialize(loaded));
        Assert.Equal(run.Model with { Settings = loaded.Model.Settings }, loaded.Model);
        Assert.Equal(run.Model.Settings.OrderBy(kv => kv.Key), loaded.Model.Settings.OrderBy(kv => kv.Key));
        Assert.Equal(run.Provenance, loaded.Provenance);
        Assert.Equal(run.Counts, loaded.Counts);
        var suite = Assert.Single(loaded.Suites);
        Assert.Equal(run.Suites[0].Metrics, suite.Metrics);
        Assert.Equal(run.Suites[0].Subsets, suite.Subsets);
        Assert.Equal(run.Suites[0].Datasets, suite.Datasets);
        Assert.Equal(run.Suites[0].Kinds, suite.Kinds);
        Assert.Equal(run.Suites[0].Counts, suite.Counts);
        Assert.Equal(ModelCapabilities.Text | ModelCapabilities.Images, loaded.Model.Capabilities);
    }

    [Fact]
    public void Run_json_uses_snake_case_names_and_enum_strings()
    {
        var json = RunJson.Serialize(SampleRuns.Run());
        Assert.Contains("\"schema_version\": 1", json);
        Assert.Contains("\"ci_low\": 0.55", json);
        Assert.Contains("\"bootstrap_seed\": 1234", json);
        Assert.Contains("\"processor_count\": 2", json);
        Assert.Contains("\"capabilities\": \"text, images\"", json);
        Assert.Contains("\"Mixed Case Key\": \"kept\"", json); // dictionary keys are data, not renamed
        Assert.Contains("\"value\": 0.6089,", json);
        Assert.EndsWith("}\n", json);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task Non_finite_numbers_are_refused_and_nothing_is_written(double bad)
    {
        var run = SampleRuns.Run(metrics: [new MetricResult("accuracy", "Accuracy", 0.5, bad, 0.7, 10)]);
        var e = Assert.Throws<NonFiniteNumberException>(() => RunJson.Serialize(run));
        Assert.Contains("'general'", e.Message);
        Assert.Contains("'accuracy' ci_low", e.Message);

        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "run.json");
        await Assert.ThrowsAsync<NonFiniteNumberException>(() => RunJson.WriteAsync(path, run));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Missing_file_is_input_error_naming_it()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "nope", "run.json");
        var e = Assert.Throws<InputException>(() => RunJson.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Invalid_json_is_input_error()
    {
        var path = Write("{ \"schema_version\": 1,\n  \"status\": ");
        var e = Assert.Throws<InputException>(() => RunJson.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void Nan_literal_in_json_is_input_error()
    {
        var json = RunJson.Serialize(SampleRuns.Run()).Replace("\"value\": 0.6089", "\"value\": NaN", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => RunJson.Load(Write(json)));
        Assert.Contains("not valid JSON", e.Message);
    }

    [Theory]
    [InlineData("\"schema_version\": 2", "schema_version 2")]
    [InlineData("\"schema_version\": \"1\"", "schema_version \"1\"")]
    [InlineData("\"schema_ver\": 1", "no schema_version")]
    public void Wrong_schema_version_is_input_error(string replacement, string expected)
    {
        var json = RunJson.Serialize(SampleRuns.Run()).Replace("\"schema_version\": 1", replacement, StringComparison.Ordinal);
        var path = Write(json);
        var e = Assert.Throws<InputException>(() => RunJson.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_required_field_is_input_error()
    {
        var json = RunJson.Serialize(SampleRuns.Run()).Replace("\"status\": \"complete\",", "", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => RunJson.Load(Write(json)));
        Assert.Contains("status", e.Message);
    }

    [Fact]
    public void Null_in_non_nullable_field_is_input_error()
    {
        var json = RunJson.Serialize(SampleRuns.Run()).Replace("\"harness_version\": \"0.1.0\"", "\"harness_version\": null", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => RunJson.Load(Write(json)));
        Assert.Contains("harness_version", e.Message);
    }

    [Fact]
    public void Unknown_status_is_input_error()
    {
        var json = RunJson.Serialize(SampleRuns.Run()).Replace("\"status\": \"complete\"", "\"status\": \"done\"", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => RunJson.Load(Write(json)));
        Assert.Contains("'done'", e.Message);
    }

    [Fact]
    public void A_run_folder_loads_its_run_json()
    {
        var path = Write(RunJson.Serialize(SampleRuns.Run("folder-model")));
        Assert.Equal("folder-model", RunJson.Load(Path.GetDirectoryName(path)!).Model.Id);
    }

    private static string Write(string text)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "run.json");
        File.WriteAllText(path, text);
        return path;
    }
}
