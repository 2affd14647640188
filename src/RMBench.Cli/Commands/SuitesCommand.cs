using System.CommandLine;
using RMBench.Core.Suites;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench suites`: the suites found under suites/, with kinds, item counts and the benchmark each mirrors.</summary>
public static class SuitesCommand
{
    public static Command Create(CliContext context)
    {
        var suitesDir = new Option<string?>("--suites-dir") { Description = "Folder of suite manifests (default: ./suites of the checkout)." };
        var command = new Command("suites", "List the suites with their kind, item count and upstream benchmark.") { suitesDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = SuiteCatalog.Load(SuiteCatalog.LocateRoot(parse.GetValue(suitesDir)));
            var loaded = await SuiteLoader.Default.LoadAsync(catalog.Manifests, cancellationToken);
            await context.Out.WriteLineAsync($"{"suite",-16} {"kinds",-22} {"items",6}  anchor");
            foreach (var suite in loaded)
                await context.Out.WriteLineAsync($"{suite.Name,-16} {string.Join(",", suite.Kinds),-22} {suite.Items.Count,6}  {suite.Manifest.Anchor}");
            await context.Out.WriteLineAsync($"({catalog.Root})");
            return 0;
        });
        return command;
    }
}
