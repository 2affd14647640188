using System.CommandLine;
using RMBench.Core.Models;

namespace RMBench.Cli.Commands;

/// <summary>`rmbench models`: the model backends and built-in models a SPEC can name.</summary>
public static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "List model backends and built-in models usable in --model SPEC.");
        command.SetAction(async _ =>
        {
            await context.Out.WriteLineAsync($"{"spec",-22} description");
            foreach (var backend in ModelRegistry.Default.Backends.All)
                await context.Out.WriteLineAsync($"{backend.Usage,-22} {backend.Description}");
            await context.Out.WriteLineAsync($"default for 'rmbench run': {string.Join(", ", RunCommand.DefaultModels)}");
            return 0;
        });
        return command;
    }
}
