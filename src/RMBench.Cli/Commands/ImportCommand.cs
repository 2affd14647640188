using System.CommandLine;
using RMBench.Core.Data;
using RMBench.Core.Import;
using RMBench.Core.Plugins;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench import --format F INPUT -o OUTPUT.parquet`: convert an upstream benchmark file to canonical Parquet.</summary>
public static class ImportCommand
{
    public static Registry<IImporter> Importers { get; } = Registry<IImporter>.Discover(i => i.Name, "import format");

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Upstream format: {string.Join(", ", Importers.Names.Order(StringComparer.Ordinal))}.",
            Required = true,
        };
        var input = new Argument<string>("INPUT") { Description = "Upstream file (or folder, for formats that take several files)." };
        var output = new Option<string>("--output", "-o") { Description = "Canonical Parquet file to write.", Required = true };
        var command = new Command("import", "Convert an upstream benchmark file to RMBench's canonical Parquet.") { format, input, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var importer = Importers.Get(parse.GetValue(format)!, "--format");
            var result = await importer.ImportAsync(parse.GetValue(input)!, cancellationToken);
            var outputPath = parse.GetValue(output)!;
            await ParquetDatasetWriter.WriteAsync(outputPath, result.Kind, result.Rows, cancellationToken);
            await context.Out.WriteLineAsync($"imported {result.Rows.Count} rows ({result.Kind}) from {parse.GetValue(input)} to {outputPath}");
            foreach (var subset in result.Rows.GroupBy(r => r.Subset).OrderBy(g => g.Key, StringComparer.Ordinal))
                await context.Out.WriteLineAsync($"  subset {subset.Key}: {subset.Count()} rows");
            if (result.Skipped.Count > 0)
            {
                await context.Out.WriteLineAsync($"skipped {result.Skipped.Count} records:");
                foreach (var skip in result.Skipped) await context.Out.WriteLineAsync($"  {skip.Location}: {skip.Reason}");
            }
            foreach (var note in result.Notes) await context.Out.WriteLineAsync($"note: {note}");
            return 0;
        });
        return command;
    }
}
