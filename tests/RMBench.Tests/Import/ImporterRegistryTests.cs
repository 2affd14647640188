using RMBench.Core.Errors;
using RMBench.Core.Import;
using RMBench.Core.Plugins;

namespace RMBench.Tests.Import;

public class ImporterRegistryTests
{
    [Fact]
    public void The_registry_discovers_the_four_upstream_importers()
    {
        var registry = Registry<IImporter>.Discover(i => i.Name, "import format");

        foreach (var name in new[] { "llmbar", "hh-rlhf", "pandalm", "rewardbench" })
        {
            Assert.True(registry.TryGet(name, out var importer), name);
            Assert.False(string.IsNullOrWhiteSpace(importer.Description));
        }
        Assert.IsType<HhRlhfImporter>(registry.Get("hh-rlhf", "--format"));
    }

    [Fact]
    public void An_unknown_format_is_invalid_input_with_a_suggestion()
    {
        var registry = Registry<IImporter>.Discover(i => i.Name, "import format");

        var error = Assert.Throws<InputException>(() => registry.Get("pandalmm", "--format"));

        Assert.Contains("did you mean", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pandalm", error.Message);
    }
}
