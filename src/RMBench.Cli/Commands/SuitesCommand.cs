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
            // Columns as wide as their longest value, so that long kind lists do not shift the table.
            var rows = loaded.Select(s => (s.Name, Kinds: string.Join(",", s.Kinds), Items: s.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Manifest.Anchor)).ToList();
            var nameWidth = rows.Select(r => r.Name.Length).Append("suite".Length).Max();
            var kindsWidth = rows.Select(r => r.Kinds.Length).Append("kinds".Length).Max();
            await context.Out.WriteLineAsync($"{"suite".PadRight(nameWidth)}  {"kinds".PadRight(kindsWidth)}  {"items",6}  anchor");
            foreach (var row in rows)
                await context.Out.WriteLineAsync($"{row.Name.PadRight(nameWidth)}  {row.Kinds.PadRight(kindsWidth)}  {row.Items,6}  {row.Anchor}");
            await context.Out.WriteLineAsync($"({catalog.Root})");
            return 0;
        });
        return command;
    }
}
