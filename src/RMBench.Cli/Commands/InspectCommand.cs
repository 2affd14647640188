using System.CommandLine;
using RMBench.Core.Data;
using RMBench.Core.Errors;
using RMBench.Core.Suites;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench inspect FILE.parquet`: schema, row count, sha256, the recorded kind, and whether the file validates as each suite kind.</summary>
public static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A Parquet file." };
        var command = new Command("inspect", "Show a Parquet file's schema and row count, and validate it against every suite kind.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kinds = SuiteLoader.Default.Kinds.All.ToDictionary(k => k.Name, k => k.Schema);
            var report = await DatasetInspection.InspectAsync(parse.GetValue(file)!, kinds, cancellationToken);
            var output = context.Out;
            await output.WriteLineAsync($"file: {report.Path}");
            await output.WriteLineAsync($"sha256: {report.Sha256}");
            await output.WriteLineAsync($"rows: {report.RowCount} in {report.RowGroupCount} row group(s)");
            await output.WriteLineAsync(report.RecordedKind is { } recorded
                ? $"recorded kind: {recorded} (schema version {report.SchemaVersion ?? "?"})"
                : $"recorded kind: none (no {DatasetMetadata.KindKey} metadata; an ad-hoc run needs --kind if several kinds below are valid)");
            await output.WriteLineAsync("columns:");
            foreach (var column in report.Columns)
                await output.WriteLineAsync($"  {column.Name}: {column.Type}{(column.Nullable ? " (nullable)" : "")}");
            foreach (var check in report.Kinds)
            {
                await output.WriteLineAsync($"kind {check.Kind}: {(check.Valid ? "valid" : $"invalid ({check.Problems.Count} problems)")}");
                foreach (var problem in check.Problems.Take(20)) await output.WriteLineAsync($"  {problem}");
                if (check.Problems.Count > 20) await output.WriteLineAsync($"  ... {check.Problems.Count - 20} more");
            }
            // Valid as some kind: 0. Readable but valid as none: invalid input.
            return report.Kinds.Any(k => k.Valid) ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
